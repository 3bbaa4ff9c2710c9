// The plain key-value namespaces (Keyv underneath) on both backends: round trips,
// isolation between namespaces, expiry, restarts, and that failures are not swallowed.
import { setTimeout as sleep } from 'node:timers/promises';

import { createClient } from '@keyv/redis';
import Database from 'better-sqlite3';
import { expect, it, onTestFinished } from 'vitest';

import { openStore } from '../../src/store/open-store.js';
import { type Store, StoreClosedError } from '../../src/store/store.js';
import {
  describeBackend,
  describeEachBackend,
  openFresh,
  OUTLAST_SHORT_MS,
  REDIS_URL,
  redisBackend,
  SHORT_MS,
  sqliteBackend,
  uniqueRedisPrefix,
  uniqueSqlitePath,
} from './store-fixtures.js';

interface Subscription {
  channelId: string;
  topics: string[];
  since: number;
}

describeEachBackend('key-value namespaces', (backend) => {
  it('stores, reads, tests and deletes JSON values', async () => {
    const store = await openFresh(backend);
    const subs = store.namespace<Subscription>('subscriptions');
    const value = { channelId: '1234', topics: ['csto', 'nato'], since: 1_700_000_000_000 };

    await subs.set('guild-1', value);
    expect(await subs.get('guild-1')).toEqual(value);
    expect(await subs.has('guild-1')).toBe(true);
    expect(await subs.get('guild-2')).toBeUndefined();
    expect(await subs.has('guild-2')).toBe(false);

    expect(await subs.delete('guild-1')).toBe(true);
    expect(await subs.delete('guild-1')).toBe(false);
    expect(await subs.get('guild-1')).toBeUndefined();
    expect(await subs.has('guild-1')).toBe(false);
  });

  it('keeps namespaces apart, and clear() empties only its own', async () => {
    const store = await openFresh(backend);
    const settings = store.namespace<string>('settings');
    const similar = store.namespace<string>('settings-old');
    const seen = store.namespace<boolean>('seen');
    await settings.set('commands-hash', 'abc');
    await similar.set('commands-hash', 'old');
    await seen.set('commands-hash', true);
    await store.addToSet('settings', 'topics', 'csto');
    await store.enqueue('settings', 'job-1', { n: 1 });

    expect(await settings.get('commands-hash')).toBe('abc');
    expect(await similar.get('commands-hash')).toBe('old');
    expect(await seen.get('commands-hash')).toBe(true);

    await settings.clear();
    expect(await settings.get('commands-hash')).toBeUndefined();
    expect(await similar.get('commands-hash')).toBe('old');
    expect(await seen.get('commands-hash')).toBe(true);
    expect(await store.setMembers('settings', 'topics')).toEqual(['csto']);
    expect(await store.pending('settings')).toBe(1);
  });

  it('lets an entry with a ttl expire', async () => {
    const store = await openFresh(backend);
    const seen = store.namespace<number>('seen');
    await seen.set('short', 1, SHORT_MS);
    await seen.set('long', 2);
    expect(await seen.get('short')).toBe(1);

    await sleep(OUTLAST_SHORT_MS);
    expect(await seen.get('short')).toBeUndefined();
    expect(await seen.has('short')).toBe(false);
    expect(await seen.get('long')).toBe(2);
  });

  it('refuses values that cannot be stored and bad names', async () => {
    const store = await openFresh(backend);
    const ns = store.namespace<string | undefined>('settings');
    await expect(ns.set('k', undefined)).rejects.toThrow(TypeError);
    await expect(ns.set('k', 'v', -5)).rejects.toThrow(RangeError);
    await expect(ns.get('')).rejects.toThrow(TypeError);
    expect(() => store.namespace('has space')).toThrow(TypeError);
    expect(() => store.namespace('with:colon')).toThrow(TypeError);
  });

  it('has everything again after close and reopen', async () => {
    const location = backend.freshLocation();
    const first = await location.open();
    await first.namespace<string>('settings').set('commands-hash', 'f00d');
    await first.addToSet('topic-index', 'csto', 'channel-1');
    await first.enqueue('outbox', 'delivery-1', { channel: 'channel-1' });
    await first.close();

    const second = await location.open();
    expect(await second.namespace<string>('settings').get('commands-hash')).toBe('f00d');
    expect(await second.setMembers('topic-index', 'csto')).toEqual(['channel-1']);
    expect(await second.pending('outbox')).toBe(1);
    const [claimed] = await second.claim('outbox', 1000, 10);
    expect(claimed?.item).toEqual({ channel: 'channel-1' });
  });

  it('rejects every call after close instead of reporting success', async () => {
    const store = await openFresh(backend);
    const settings = store.namespace<string>('settings');
    await store.close();
    await store.close(); // idempotent

    await expect(settings.set('k', 'v')).rejects.toThrow(StoreClosedError);
    await expect(settings.get('k')).rejects.toThrow(StoreClosedError);
    await expect(settings.has('k')).rejects.toThrow(StoreClosedError);
    await expect(settings.delete('k')).rejects.toThrow(StoreClosedError);
    await expect(settings.clear()).rejects.toThrow(StoreClosedError);
    await expect(store.setIfAbsent('seen', 'k', true)).rejects.toThrow(StoreClosedError);
    await expect(store.update<number, undefined>('n', 'k', (n = 0) => ({ value: n + 1, result: undefined }))).rejects.toThrow(StoreClosedError);
    await expect(store.enqueue('outbox', 'id', 1)).rejects.toThrow(StoreClosedError);
    await expect(store.claim('outbox', 1000, 1)).rejects.toThrow(StoreClosedError);
    await expect(store.ping()).rejects.toThrow(StoreClosedError);
    expect(() => store.namespace('settings')).toThrow(StoreClosedError);
  });

  it('answers ping while open', async () => {
    const store = await openFresh(backend);
    await expect(store.ping()).resolves.toBeUndefined();
  });
});

// Keyv swallows store errors unless told otherwise; these make a real backend fail.
describeBackend(sqliteBackend, 'backend failures surface', () => {
  it('rejects writes while another process holds the write lock', async () => {
    const path = uniqueSqlitePath();
    const store = await openStore(`sqlite:${path}`, { busyTimeoutMs: 50 });
    onTestFinished(() => store.close());
    const settings = store.namespace<string>('settings');
    await settings.set('kept', 'before');

    const other = new Database(path);
    onTestFinished(() => void other.close());
    other.exec('BEGIN IMMEDIATE');
    await expect(settings.set('k', 'v')).rejects.toThrow(/locked|busy/i);
    await expect(store.update<number, undefined>('counters', 'k', (n = 0) => ({ value: n + 1, result: undefined }))).rejects.toThrow(/locked|busy/i);
    await expect(store.enqueue('outbox', 'id', 1)).rejects.toThrow(/locked|busy/i);
    other.exec('ROLLBACK');

    expect(await settings.get('k')).toBeUndefined();
    expect(await settings.get('kept')).toBe('before');
  });
});

describeBackend(redisBackend, 'backend failures surface', () => {
  it('rejects reads of a key holding the wrong Redis type', async () => {
    const keyPrefix = uniqueRedisPrefix();
    const store = await openStore(REDIS_URL, { keyPrefix });
    onTestFinished(() => store.close());
    const raw = createClient({ url: REDIS_URL });
    await raw.connect();
    onTestFinished(() => raw.close());
    // The entry key layout documented in operations/entries.ts.
    await raw.hSet(`${keyPrefix}:kv:settings::k`, 'field', 'x');

    await expect(store.namespace<string>('settings').get('k')).rejects.toThrow(/WRONGTYPE/);
    await expect(store.update<number, undefined>('settings', 'k', (n = 0) => ({ value: n + 1, result: undefined }))).rejects.toThrow(/WRONGTYPE/);
  });
});

// Expiry is decided by the entry's own time (entry-codec.ts), whatever the backend still
// holds: an SQLite row not yet swept, a Redis key whose server-side expiry lags behind.
function anEntryPastItsTimeIsAbsent(openWithStaleEntry: (ns: string, key: string, raw: string) => Promise<Store>): void {
  it('reads as absent for get, has, update and setIfAbsent', async () => {
    const stale = JSON.stringify({ value: 'old', expires: Date.now() - 60_000 });
    const store = await openWithStaleEntry('seen', 'k', stale);
    onTestFinished(() => store.close());

    expect(await store.namespace<string>('seen').get('k')).toBeUndefined();
    expect(await store.namespace<string>('seen').has('k')).toBe(false);
    expect(await store.update<string, string | undefined>('seen', 'k', (current) => ({ value: current, result: current }))).toBeUndefined();
    expect(await store.setIfAbsent('seen', 'k', 'new')).toBe(true);
    expect(await store.namespace<string>('seen').get('k')).toBe('new');
  });
}

describeBackend(sqliteBackend, 'an entry past its expiry time, not yet swept', () => {
  anEntryPastItsTimeIsAbsent(async (ns, key, raw) => {
    const path = uniqueSqlitePath();
    await (await openStore(`sqlite:${path}`)).close();
    const db = new Database(path);
    // expires_at in the future: only the entry's own time can tell it is dead.
    db.prepare('INSERT INTO kv (ns, key, value, expires_at) VALUES (?, ?, ?, ?)').run(ns, key, raw, Date.now() + 60_000);
    db.close();
    return openStore(`sqlite:${path}`);
  });
});

describeBackend(redisBackend, 'an entry past its expiry time, still held by Redis', () => {
  anEntryPastItsTimeIsAbsent(async (ns, key, raw) => {
    const keyPrefix = uniqueRedisPrefix();
    const client = createClient({ url: REDIS_URL });
    await client.connect();
    await client.set(`${keyPrefix}:kv:${ns}::${key}`, raw, { expiration: { type: 'PX', value: 60_000 } });
    await client.close();
    return openStore(REDIS_URL, { keyPrefix });
  });
});
