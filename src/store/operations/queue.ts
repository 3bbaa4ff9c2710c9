// Leased queues (the delivery outbox). Items are stored as the JSON text the Store
// hands in; times are ms since the epoch from the calling process's clock.
//   SQLite: table queue_items; a completed item keeps its row (item and due_at NULL)
//           until its id is forgotten; rowid keeps enqueue order among equal due times.
//   Redis:  four keys per queue: P:queue:NAME:due (sorted set id → time it is next
//           claimable: the notBefore of a waiting item, the lease end of a claimed one),
//           :items (hash id → item), :attempts (hash id → claim count) and
//           :done (sorted set id → completion time). Lua scripts make each step atomic.
import type { StoreOperation } from '../backend.js';

export interface RawClaim {
  id: string;
  item: string;
  attempts: number;
}

function queueKeys(prefix: string, queue: string) {
  const base = `${prefix}:queue:${queue}`;
  return { due: `${base}:due`, items: `${base}:items`, attempts: `${base}:attempts`, done: `${base}:done` };
}

/** KEYS: items, due, done. ARGV: id, item, due time. Returns 1 if added, 0 if the id is known. */
const ENQUEUE = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 or redis.call('ZSCORE', KEYS[3], ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
return 1
`;

/**
 * KEYS: due, items, attempts. ARGV: now, lease end, limit.
 * Returns a flat list id, item, attempts, id, item, attempts, … (earliest due first).
 */
const CLAIM = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])
local claimed = {}
for _, id in ipairs(ids) do
  redis.call('ZADD', KEYS[1], ARGV[2], id)
  claimed[#claimed + 1] = id
  claimed[#claimed + 1] = redis.call('HGET', KEYS[2], id)
  claimed[#claimed + 1] = redis.call('HINCRBY', KEYS[3], id, 1)
end
return claimed
`;

/**
 * KEYS: due, items, attempts, done. ARGV: id, now, forget-before time.
 * Returns 1 if the item was in the queue. Also forgets ids completed before ARGV[3].
 */
const COMPLETE = `
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', '(' .. ARGV[3])
if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
redis.call('ZADD', KEYS[4], ARGV[2], ARGV[1])
return 1
`;

/** KEYS: due. ARGV: id, new due time. Returns 1 if the item was in the queue. */
const RELEASE = `
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
return 1
`;

/** Resolves false and changes nothing if the id is queued, claimed or remembered as completed. */
export function enqueue(queue: string, id: string, item: string, dueAt: number): StoreOperation<boolean> {
  return {
    sqlite: (db) =>
      db
        .statement<[string, string, string, number]>(
          'INSERT INTO queue_items (queue, id, item, due_at) VALUES (?, ?, ?, ?) ON CONFLICT (queue, id) DO NOTHING',
        )
        .run(queue, id, item, dueAt).changes > 0,
    redis: async ({ client, prefix }) => {
      const keys = queueKeys(prefix, queue);
      return (await client.eval(ENQUEUE, { keys: [keys.items, keys.due, keys.done], arguments: [id, item, String(dueAt)] })) === 1;
    },
  };
}

/** Leases up to `limit` items due at `now` until `leaseUntil`, earliest due first. */
export function claim(queue: string, now: number, leaseUntil: number, limit: number): StoreOperation<RawClaim[]> {
  return {
    sqlite: (db) =>
      db.immediate(() =>
        db
          .statement<[string, number, number], { rowid: number; id: string; item: string; attempts: number }>(
            `SELECT rowid, id, item, attempts FROM queue_items
             WHERE queue = ? AND completed_at IS NULL AND due_at <= ?
             ORDER BY due_at, rowid LIMIT ?`,
          )
          .all(queue, now, limit)
          .map((row) => {
            db.statement<[number, number]>('UPDATE queue_items SET due_at = ?, attempts = attempts + 1 WHERE rowid = ?').run(leaseUntil, row.rowid);
            return { id: row.id, item: row.item, attempts: row.attempts + 1 };
          }),
      ),
    redis: async ({ client, prefix }) => {
      const keys = queueKeys(prefix, queue);
      const flat = (await client.eval(CLAIM, {
        keys: [keys.due, keys.items, keys.attempts],
        arguments: [String(now), String(leaseUntil), String(limit)],
      })) as Array<string | number>;
      const claims: RawClaim[] = [];
      for (let i = 0; i < flat.length; i += 3) {
        claims.push({ id: String(flat[i]), item: String(flat[i + 1]), attempts: Number(flat[i + 2]) });
      }
      return claims;
    },
  };
}

/** Removes the item, remembering its id; also forgets ids completed before `forgetBefore`. */
export function complete(queue: string, id: string, now: number, forgetBefore: number): StoreOperation<boolean> {
  return {
    sqlite: (db) => {
      const completed =
        db
          .statement<[number, string, string]>(
            `UPDATE queue_items SET completed_at = ?, item = NULL, due_at = NULL
             WHERE queue = ? AND id = ? AND completed_at IS NULL`,
          )
          .run(now, queue, id).changes > 0;
      db.statement<[number]>('DELETE FROM queue_items WHERE completed_at < ?').run(forgetBefore);
      return completed;
    },
    redis: async ({ client, prefix }) => {
      const keys = queueKeys(prefix, queue);
      const reply = await client.eval(COMPLETE, {
        keys: [keys.due, keys.items, keys.attempts, keys.done],
        arguments: [id, String(now), String(forgetBefore)],
      });
      return reply === 1;
    },
  };
}

/** Makes a waiting or claimed item claimable at `dueAt`. */
export function release(queue: string, id: string, dueAt: number): StoreOperation<boolean> {
  return {
    sqlite: (db) =>
      db
        .statement<[number, string, string]>('UPDATE queue_items SET due_at = ? WHERE queue = ? AND id = ? AND completed_at IS NULL')
        .run(dueAt, queue, id).changes > 0,
    redis: async ({ client, prefix }) => (await client.eval(RELEASE, { keys: [queueKeys(prefix, queue).due], arguments: [id, String(dueAt)] })) === 1,
  };
}

/** How many items are waiting or claimed. */
export function pending(queue: string): StoreOperation<number> {
  return {
    sqlite: (db) =>
      db.statement<[string], { n: number }>('SELECT count(*) AS n FROM queue_items WHERE queue = ? AND completed_at IS NULL').get(queue)?.n ?? 0,
    redis: ({ client, prefix }) => client.zCard(queueKeys(prefix, queue).due),
  };
}
