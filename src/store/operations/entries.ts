// Key-value entries: the rows Keyv reads and writes through keyv-adapter.ts, and that
// setIfAbsent and update change atomically through swapEntry. They hold entries as
// entry-codec.ts encodes them; expiry is decided there, not here.
//   SQLite: table kv (ns, key, value, expires_at), see sqlite/schema.ts.
//   Redis:  string key P:kv:NS::KEY (the layout @keyv/redis used, kept for existing keyspaces).
import { setTimeout as sleep } from 'node:timers/promises';

import type { StoreOperation } from '../backend.js';
import type { EncodedEntry } from '../entry-codec.js';
import { StoreConflictError } from '../store.js';

/** What a read-modify-write step decided to do with the entry. */
export type EntryWrite = EncodedEntry | 'delete' | 'unchanged';

/** Computes the write and the caller's result from the stored entry; may run more than once. */
export type SwapStep<R> = (raw: string | undefined) => { write: EntryWrite; result: R };

/** Local swaps of one key take turns, so only other processes can make a compare-and-set fail. */
const MAX_SWAP_ATTEMPTS = 50;

const entryKey = (prefix: string, ns: string, key: string): string => `${prefix}:kv:${ns}::${key}`;

/** Redis wants a time to live; an entry already past its time gets the shortest there is. */
const redisTtlMs = (expiresAt: number): number => Math.max(1, expiresAt - Date.now());

/** Glob characters in a key prefix match only themselves in SCAN. */
const escapeGlob = (text: string): string => text.replace(/[*?[\]\\]/g, '\\$&');

/** Exponential backoff with full jitter, so contending writers spread out. */
const retryDelayMs = (attempt: number): number => Math.random() * Math.min(100, 2 ** attempt);

const WRITE_SQL = `INSERT INTO kv (ns, key, value, expires_at) VALUES (?, ?, ?, ?)
  ON CONFLICT (ns, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`;
const READ_SQL = 'SELECT value FROM kv WHERE ns = ? AND key = ?';
const DELETE_SQL = 'DELETE FROM kv WHERE ns = ? AND key = ?';

/**
 * Compare-and-set of one key. KEYS[1] the key. ARGV: expected-present flag ('1'/'0'),
 * expected value, write flag ('1' write / '0' delete), new value, ttl in ms ('' for none).
 * Returns {1} on success, else {0, current value} ({0} if the key is absent).
 */
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
local matches
if ARGV[1] == '1' then matches = current == ARGV[2] else matches = current == false end
if not matches then return {0, current} end
if ARGV[3] == '0' then
  redis.call('DEL', KEYS[1])
elseif ARGV[5] == '' then
  redis.call('SET', KEYS[1], ARGV[4])
else
  redis.call('SET', KEYS[1], ARGV[4], 'PX', ARGV[5])
end
return {1}
`;

/** The stored text of the entry, live or not. */
export function readEntry(ns: string, key: string): StoreOperation<string | undefined> {
  return {
    sqlite: (db) => db.statement<[string, string], { value: string }>(READ_SQL).get(ns, key)?.value,
    redis: async ({ client, prefix }) => (await client.get(entryKey(prefix, ns, key))) ?? undefined,
  };
}

export function writeEntry(ns: string, key: string, entry: EncodedEntry): StoreOperation<void> {
  return {
    sqlite: (db) => void db.statement<[string, string, string, number | null]>(WRITE_SQL).run(ns, key, entry.raw, entry.expiresAt ?? null),
    redis: async ({ client, prefix }) => {
      const expiration = entry.expiresAt === undefined ? undefined : ({ type: 'PX', value: redisTtlMs(entry.expiresAt) } as const);
      await client.set(entryKey(prefix, ns, key), entry.raw, expiration && { expiration });
    },
  };
}

/** Resolves true if an entry (live or not) was removed. */
export function deleteEntry(ns: string, key: string): StoreOperation<boolean> {
  return {
    sqlite: (db) => db.statement<[string, string]>(DELETE_SQL).run(ns, key).changes > 0,
    redis: async ({ client, prefix }) => (await client.del(entryKey(prefix, ns, key))) > 0,
  };
}

/** Removes every entry of namespace `ns`. */
export function clearEntries(ns: string): StoreOperation<void> {
  return {
    sqlite: (db) => void db.statement<[string]>('DELETE FROM kv WHERE ns = ?').run(ns),
    redis: async ({ client, prefix }) => {
      for await (const keys of client.scanIterator({ MATCH: entryKey(escapeGlob(prefix), ns, '*'), COUNT: 500 })) {
        if (keys.length > 0) await client.unlink(keys);
      }
    },
  };
}

/** Drops entries that expired before `now` (SQLite; Redis drops them by itself). */
export function removeExpiredEntries(now: number): StoreOperation<void> {
  return {
    sqlite: (db) => void db.statement<[number]>('DELETE FROM kv WHERE expires_at < ?').run(now),
    redis: async () => {},
  };
}

/**
 * Atomic read-modify-write of one entry, across processes too: SQLite in an IMMEDIATE
 * transaction, Redis by compare-and-set, running `step` again on the newer entry when
 * another writer got in first. Throws StoreConflictError if that keeps happening.
 */
export function swapEntry<R>(ns: string, key: string, step: SwapStep<R>): StoreOperation<R> {
  return {
    sqlite: (db) =>
      db.immediate(() => {
        const { write, result } = step(db.statement<[string, string], { value: string }>(READ_SQL).get(ns, key)?.value);
        if (write === 'delete') db.statement<[string, string]>(DELETE_SQL).run(ns, key);
        else if (write !== 'unchanged')
          db.statement<[string, string, string, number | null]>(WRITE_SQL).run(ns, key, write.raw, write.expiresAt ?? null);
        return result;
      }),
    redis: (redis) => {
      const { client } = redis;
      const redisKey = entryKey(redis.prefix, ns, key);
      return redis.inTurn(redisKey, async () => {
        let current = (await client.get(redisKey)) ?? undefined;
        for (let attempt = 1; ; attempt++) {
          const { write, result } = step(current);
          if (write === 'unchanged') return result;
          const entry = write === 'delete' ? undefined : write;
          const reply = (await client.eval(COMPARE_AND_SET, {
            keys: [redisKey],
            arguments: [
              current === undefined ? '0' : '1',
              current ?? '',
              entry === undefined ? '0' : '1',
              entry?.raw ?? '',
              entry?.expiresAt === undefined ? '' : String(redisTtlMs(entry.expiresAt)),
            ],
          })) as [number, string | null | undefined];
          if (reply[0] === 1) return result;
          if (attempt >= MAX_SWAP_ATTEMPTS) throw new StoreConflictError(ns, key, attempt);
          current = reply[1] ?? undefined;
          await sleep(retryDelayMs(attempt));
        }
      });
    },
  };
}
