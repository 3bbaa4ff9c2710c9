// A write that proves the store takes writes where it should, for health checks.
//   SQLite: row (ns '.health', key 'heartbeat') of table kv; '.health' is no valid
//           namespace name, so no namespace sees it. First checks that the file at
//           the configured path is still the one open (SQLite writes on into a
//           deleted file, and the write would look fine).
//   Redis:  string P:heartbeat, the time of the last heartbeat in ms since the epoch.
import type { StoreOperation } from '../backend.js';

const HEALTH_NS = '.health';
const HEARTBEAT_KEY = 'heartbeat';

/** Writes `now` as the last heartbeat; rejects if the store cannot write. */
export function heartbeat(now: number): StoreOperation<void> {
  return {
    sqlite: (db) => {
      db.checkFile();
      db.statement<[string, string, string]>(
        `INSERT INTO kv (ns, key, value, expires_at) VALUES (?, ?, ?, NULL)
         ON CONFLICT (ns, key) DO UPDATE SET value = excluded.value, expires_at = NULL`,
      ).run(HEALTH_NS, HEARTBEAT_KEY, String(now));
    },
    redis: async ({ client, prefix }) => {
      await client.set(`${prefix}:heartbeat`, String(now));
    },
  };
}
