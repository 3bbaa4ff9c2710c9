// Many key-value entries of one namespace changed in one go: the batched form of
// swapEntry (entries.ts), for writes that come by the thousand (a big feed's seen
// items). Same rows and keys as entries.ts; one call handles one batch, and the
// caller (backed-store.ts) keeps batches small and yields to the event loop between them.
//   SQLite: table kv (ns, key, value, expires_at), one IMMEDIATE transaction per batch.
//   Redis:  string keys P:kv:NS::KEY, one MGET and one compare-and-set script per round.
import { setTimeout as sleep } from 'node:timers/promises';

import type { StoreOperation } from '../backend.js';
import { StoreConflictError } from '../store.js';
import type { SwapStep } from './entries.js';

/** Rounds of compare-and-set before the keys that kept losing to other writers give up. */
const MAX_ROUNDS = 50;

const entryKey = (prefix: string, ns: string, key: string): string => `${prefix}:kv:${ns}::${key}`;
const redisTtlMs = (expiresAt: number): number => Math.max(1, expiresAt - Date.now());

const WRITE_SQL = `INSERT INTO kv (ns, key, value, expires_at) VALUES (?, ?, ?, ?)
  ON CONFLICT (ns, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`;
const READ_SQL = 'SELECT value FROM kv WHERE ns = ? AND key = ?';
const DELETE_SQL = 'DELETE FROM kv WHERE ns = ? AND key = ?';

/**
 * Compare-and-set of each key in KEYS. ARGV holds five values per key, as for one key in
 * entries.ts: expected-present flag ('1'/'0'), expected value, write flag ('1' write / '0'
 * delete), new value, ttl in ms ('' for none). Returns one value per key: 1 if it was
 * written, else the current value (0 when the key is absent).
 */
const COMPARE_AND_SET_MANY = `
local out = {}
for i, key in ipairs(KEYS) do
  local a = (i - 1) * 5
  local current = redis.call('GET', key)
  local matches
  if ARGV[a + 1] == '1' then matches = current == ARGV[a + 2] else matches = current == false end
  if not matches then
    if current == false then out[i] = 0 else out[i] = current end
  else
    if ARGV[a + 3] == '0' then
      redis.call('DEL', key)
    elseif ARGV[a + 5] == '' then
      redis.call('SET', key, ARGV[a + 4])
    else
      redis.call('SET', key, ARGV[a + 4], 'PX', ARGV[a + 5])
    end
    out[i] = 1
  end
end
return out
`;

/**
 * Atomic read-modify-write of each of `keys` (distinct), `step` deciding per key as in
 * swapEntry; resolves the results in the order of `keys`. SQLite: the whole batch in one
 * IMMEDIATE transaction. Redis: each key on its own by compare-and-set, so a key another
 * writer changed meanwhile is decided again on its newer entry; throws StoreConflictError
 * if that keeps happening.
 */
export function swapEntries<R>(ns: string, keys: readonly string[], step: SwapStep<R>): StoreOperation<R[]> {
  return {
    sqlite: (db) =>
      db.immediate(() =>
        keys.map((key) => {
          const { write, result } = step(db.statement<[string, string], { value: string }>(READ_SQL).get(ns, key)?.value);
          if (write === 'delete') db.statement<[string, string]>(DELETE_SQL).run(ns, key);
          else if (write !== 'unchanged')
            db.statement<[string, string, string, number | null]>(WRITE_SQL).run(ns, key, write.raw, write.expiresAt ?? null);
          return result;
        }),
      ),
    redis: async ({ client, prefix }) => {
      const results = new Array<R>(keys.length);
      const items = keys.map((key, index) => ({ index, key, redisKey: entryKey(prefix, ns, key) }));
      type Item = (typeof items)[number];
      // The keys still to decide, with the entry each was last seen with.
      const current = new Map<Item, string | undefined>();
      (await client.mGet(items.map((item) => item.redisKey))).forEach((value, i) => {
        const item = items[i];
        if (item) current.set(item, value ?? undefined);
      });
      for (let round = 1; current.size > 0; round++) {
        const pending: Item[] = [];
        const args: string[] = [];
        for (const [item, raw] of current) {
          const { write, result } = step(raw);
          results[item.index] = result;
          if (write === 'unchanged') continue;
          const entry = write === 'delete' ? undefined : write;
          pending.push(item);
          args.push(
            raw === undefined ? '0' : '1',
            raw ?? '',
            entry === undefined ? '0' : '1',
            entry?.raw ?? '',
            entry?.expiresAt === undefined ? '' : String(redisTtlMs(entry.expiresAt)),
          );
        }
        current.clear();
        if (pending.length === 0) break;
        const replies = (await client.eval(COMPARE_AND_SET_MANY, { keys: pending.map((item) => item.redisKey), arguments: args })) as (
          number | string
        )[];
        replies.forEach((reply, i) => {
          const item = pending[i];
          if (item && reply !== 1) current.set(item, reply === 0 ? undefined : String(reply));
        });
        const [lost] = current.keys();
        if (lost && round >= MAX_ROUNDS) throw new StoreConflictError(ns, lost.key, round);
        // Exponential backoff with full jitter, as in entries.ts, before deciding the lost keys again.
        if (lost) await sleep(Math.random() * Math.min(100, 2 ** round));
      }
      return results;
    },
  };
}
