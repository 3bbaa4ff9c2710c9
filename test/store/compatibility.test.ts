// State written by an earlier build still reads: an SQLite file and a Redis keyspace
// made by the store code of schema version 1 (test/fixtures/store/README.md), opened
// with today's code. Every kind of state is read back, and the queue still works.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { createClient } from '@keyv/redis';
import { expect, it } from 'vitest';

import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { type BackendFixture, describeEachBackend, REDIS_URL, uniqueRedisPrefix, uniqueSqlitePath } from './store-fixtures.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/store');

interface DumpedKey {
  key: string;
  type: 'string' | 'set' | 'hash' | 'zset';
  value: unknown;
  pttl: number;
}

/** Copies the v1 SQLite file to a fresh path (opening writes to it). */
function v1SqliteFile(): string {
  const path = uniqueSqlitePath();
  mkdirSync(dirname(path), { recursive: true });
  copyFileSync(join(FIXTURES, 'v1.sqlite'), path);
  return path;
}

/** Loads the v1 Redis dump under a fresh key prefix with plain Redis commands. */
async function v1RedisPrefix(): Promise<string> {
  const prefix = uniqueRedisPrefix();
  const { keys } = JSON.parse(readFileSync(join(FIXTURES, 'v1-redis.json'), 'utf8')) as { keys: DumpedKey[] };
  const client = createClient({ url: REDIS_URL });
  await client.connect();
  try {
    for (const { key: dumpedKey, type, value, pttl } of keys) {
      const key = prefix + dumpedKey.slice('PREFIX'.length);
      if (type === 'string') await client.set(key, value as string);
      else if (type === 'set') await client.sAdd(key, value as string[]);
      else if (type === 'hash') await client.hSet(key, value as Record<string, string>);
      else await client.zAdd(key, value as Array<{ value: string; score: number }>);
      if (pttl > 0) await client.pExpire(key, pttl);
    }
  } finally {
    await client.close();
  }
  return prefix;
}

async function openV1(backend: BackendFixture): Promise<Store> {
  const store =
    backend.name === 'sqlite' ? await openStore(`sqlite:${v1SqliteFile()}`) : await openStore(REDIS_URL, { keyPrefix: await v1RedisPrefix() });
  return store;
}

describeEachBackend('state written by schema version 1', (backend) => {
  it('reads every entry, set and queue item back', async () => {
    const store = await openV1(backend);
    try {
      expect(await store.namespace<string>('settings').get('commands-hash')).toBe('f00d');
      expect(await store.namespace('published').get('article:1')).toEqual({ at: '2026-01-01T00:00:00.000Z' });
      expect(await store.namespace('seen').get('gone')).toBeUndefined();
      expect(await store.namespace('seen').has('gone')).toBe(false);
      expect(await store.namespace('claims').get('item-1')).toBe('worker-a');
      expect(await store.namespace('claims').get('item-2')).toBe('worker-b');
      expect(await store.namespace('alert-subscriptions').get('guild-1')).toEqual(['sub-1', 'sub-2']);
      expect(await store.setMembers('alert-index', 'csto')).toEqual(['guild-1/sub-1', 'guild-1/sub-2']);
      expect(await store.pending('outbox')).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('keeps working on that state: claims hold, updates append, the queue hands out its item once', async () => {
    const store = await openV1(backend);
    try {
      expect(await store.setIfAbsent('claims', 'item-1', 'worker-c')).toBe(false);
      expect(await store.setIfAbsent('claims', 'item-2', 'worker-c')).toBe(false);
      expect(await store.setIfAbsent('seen', 'gone', 2)).toBe(true);
      expect(
        await store.update<string[], string[]>('alert-subscriptions', 'guild-1', (list = []) => ({ value: [...list, 'sub-3'], result: list })),
      ).toEqual(['sub-1', 'sub-2']);
      expect(await store.namespace('alert-subscriptions').get('guild-1')).toEqual(['sub-1', 'sub-2', 'sub-3']);

      expect(await store.enqueue('outbox', 'delivery-1', { channelId: 'x', itemId: 'x' })).toBe(false);
      expect(await store.enqueue('outbox', 'delivery-2', { channelId: 'x', itemId: 'x' })).toBe(false);
      expect(await store.claim('outbox', 10_000, 10)).toEqual([
        { id: 'delivery-1', item: { channelId: 'channel-1', itemId: 'item-1' }, attempts: 1 },
      ]);
      expect(await store.complete('outbox', 'delivery-1')).toBe(true);
      expect(await store.pending('outbox')).toBe(0);
    } finally {
      await store.close();
    }
  });
});
