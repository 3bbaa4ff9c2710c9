// Two Redis stores with different key prefixes on one server (two deployments,
// LAGEBILD_REDIS_PREFIX) share nothing: entries, sets, queues and namespace clears
// of one are invisible to the other, and each store's keys all start with its prefix.
import { createClient } from '@keyv/redis';
import { describe, expect, it } from 'vitest';

import { openStore } from '../../src/store/open-store.js';
import { REDIS_URL, redisBackend, uniqueRedisPrefix } from './store-fixtures.js';

async function keysUnder(prefix: string): Promise<string[]> {
  const client = createClient({ url: REDIS_URL });
  await client.connect();
  try {
    const keys: string[] = [];
    for await (const batch of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 })) keys.push(...batch);
    return keys;
  } finally {
    await client.close();
  }
}

describe.skipIf(redisBackend.skipReason !== undefined)('redis: stores under different key prefixes', () => {
  it('do not see each other’s entries, sets or queues', async () => {
    const [prefixA, prefixB] = [uniqueRedisPrefix(), uniqueRedisPrefix()];
    const a = await openStore(REDIS_URL, { keyPrefix: prefixA });
    const b = await openStore(REDIS_URL, { keyPrefix: prefixB });
    try {
      await a.namespace<string>('subs').set('g1', 'from a');
      await a.addToSet('idx', 'k', 'm1');
      await a.enqueue('outbox', 'd1', { to: 'channel' });

      expect(await b.namespace<string>('subs').get('g1')).toBeUndefined();
      expect(await b.setMembers('idx', 'k')).toEqual([]);
      expect(await b.pending('outbox')).toBe(0);
      expect(await b.claim('outbox', 60_000, 10)).toEqual([]);
      // The same id is new to the other deployment's outbox.
      expect(await b.enqueue('outbox', 'd1', { to: 'elsewhere' })).toBe(true);
      await b.namespace('subs').clear();

      expect(await a.namespace<string>('subs').get('g1')).toBe('from a');
      expect(await a.setMembers('idx', 'k')).toEqual(['m1']);
      expect((await a.claim<{ to: string }>('outbox', 60_000, 10)).map((c) => c.item)).toEqual([{ to: 'channel' }]);

      // Every key is the prefix, a colon, then the rest.
      for (const [prefix, other] of [
        [prefixA, prefixB],
        [prefixB, prefixA],
      ] as const) {
        const keys = await keysUnder(prefix);
        expect(keys.length).toBeGreaterThan(0);
        for (const key of keys) {
          expect(key.startsWith(`${prefix}:`)).toBe(true);
          expect(key.startsWith(`${other}:`)).toBe(false);
        }
      }
    } finally {
      await a.close();
      await b.close();
    }
  });
});
