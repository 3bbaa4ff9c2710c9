// String sets, apart from key-value entries (e.g. a subscription index by topic).
//   SQLite: table set_members (ns, key, member).
//   Redis:  set P:set:NS:KEY.
import type { StoreOperation } from '../backend.js';

const setKey = (prefix: string, ns: string, key: string): string => `${prefix}:set:${ns}:${key}`;

/** Resolves true if `member` was not yet in the set. */
export function addToSet(ns: string, key: string, member: string): StoreOperation<boolean> {
  return {
    sqlite: (db) =>
      db.statement<[string, string, string]>('INSERT INTO set_members (ns, key, member) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(ns, key, member)
        .changes > 0,
    redis: async ({ client, prefix }) => (await client.sAdd(setKey(prefix, ns, key), member)) === 1,
  };
}

/** Resolves true if `member` was in the set. */
export function removeFromSet(ns: string, key: string, member: string): StoreOperation<boolean> {
  return {
    sqlite: (db) =>
      db.statement<[string, string, string]>('DELETE FROM set_members WHERE ns = ? AND key = ? AND member = ?').run(ns, key, member).changes > 0,
    redis: async ({ client, prefix }) => (await client.sRem(setKey(prefix, ns, key), member)) === 1,
  };
}

/** The members in no particular order. */
export function setMembers(ns: string, key: string): StoreOperation<string[]> {
  return {
    sqlite: (db) =>
      db
        .statement<[string, string], { member: string }>('SELECT member FROM set_members WHERE ns = ? AND key = ?')
        .all(ns, key)
        .map((row) => row.member),
    redis: ({ client, prefix }) => client.sMembers(setKey(prefix, ns, key)),
  };
}
