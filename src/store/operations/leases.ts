// Leases (one holder at a time for a named piece of work, e.g. polling one feed) and
// presence (which processes of a group are alive, to share the work out fairly).
// Times are ms since the epoch from the calling process's clock, as for queues.
//   SQLite: rows of table kv, so no schema change: a lease is (ns '.lease', key NAME,
//           value HOLDER, expires_at), a member of a group is (ns '.presence:GROUP',
//           key MEMBER, value '', expires_at). Names starting with '.' are no valid
//           namespace names, so no namespace sees them; expired rows go with the sweep.
//   Redis:  string P:lease:NAME holding the holder, with the lease's expiry (PX);
//           sorted set P:presence:GROUP, member → expiry time.
import type { StoreOperation } from '../backend.js';

const LEASE_NS = '.lease';
const presenceNs = (group: string) => `.presence:${group}`;

/** KEYS: lease. ARGV: holder, ttl ms. Returns 1 if the lease was free or the holder's own (now taken or renewed). */
const ACQUIRE = `
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`;

/** KEYS: lease. ARGV: holder. Returns 1 if the holder's lease was removed. */
const RELEASE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
return 1
`;

/**
 * KEYS: presence. ARGV: member, now, expiry, ttl ms. Returns how many members are alive, this one
 * included. The set itself expires relative to the server's clock, so a skewed caller cannot end it early.
 */
const ANNOUNCE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return redis.call('ZCARD', KEYS[1])
`;

/** Takes lease `name` for `holder` until `expiresAt` if nobody else holds it now; renews the holder's own. */
export function acquireLease(name: string, holder: string, now: number, expiresAt: number): StoreOperation<boolean> {
  return {
    sqlite: (db) =>
      db
        .statement<[string, string, string, number, number]>(
          `INSERT INTO kv (ns, key, value, expires_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (ns, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at
           WHERE kv.value = excluded.value OR kv.expires_at <= ?`,
        )
        .run(LEASE_NS, name, holder, expiresAt, now).changes > 0,
    redis: async ({ client, prefix }) =>
      (await client.eval(ACQUIRE, { keys: [`${prefix}:lease:${name}`], arguments: [holder, String(Math.max(1, expiresAt - now))] })) === 1,
  };
}

/** Gives lease `name` up if `holder` holds it; resolves whether it did. */
export function releaseLease(name: string, holder: string): StoreOperation<boolean> {
  return {
    sqlite: (db) =>
      db.statement<[string, string, string]>('DELETE FROM kv WHERE ns = ? AND key = ? AND value = ?').run(LEASE_NS, name, holder).changes > 0,
    redis: async ({ client, prefix }) => (await client.eval(RELEASE, { keys: [`${prefix}:lease:${name}`], arguments: [holder] })) === 1,
  };
}

/** Marks `member` of `group` alive until `expiresAt`; resolves how many members are alive at `now`. */
export function announcePresence(group: string, member: string, now: number, expiresAt: number): StoreOperation<number> {
  return {
    sqlite: (db) =>
      db.immediate(() => {
        db.statement<[string, string, number]>(
          `INSERT INTO kv (ns, key, value, expires_at) VALUES (?, ?, '', ?)
           ON CONFLICT (ns, key) DO UPDATE SET expires_at = excluded.expires_at`,
        ).run(presenceNs(group), member, expiresAt);
        return (
          db.statement<[string, number], { n: number }>('SELECT count(*) AS n FROM kv WHERE ns = ? AND expires_at > ?').get(presenceNs(group), now)
            ?.n ?? 1
        );
      }),
    redis: async ({ client, prefix }) =>
      Number(
        await client.eval(ANNOUNCE, {
          keys: [`${prefix}:presence:${group}`],
          arguments: [member, String(now), String(expiresAt), String(Math.max(1, expiresAt - now))],
        }),
      ),
  };
}

/** Removes `member` from `group` at once (a clean stop), so the others' shares grow without waiting for expiry. */
export function withdrawPresence(group: string, member: string): StoreOperation<void> {
  return {
    sqlite: (db) => void db.statement<[string, string]>('DELETE FROM kv WHERE ns = ? AND key = ?').run(presenceNs(group), member),
    redis: async ({ client, prefix }) => {
      await client.zRem(`${prefix}:presence:${group}`, member);
    },
  };
}
