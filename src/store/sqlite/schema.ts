// The SQLite tables, created on open and versioned through PRAGMA user_version so a
// later build can migrate a file written by this one (and an older build refuses a newer file).
import type { Database } from 'better-sqlite3';

const SCHEMA_VERSION = 1;

const CREATE_V1 = `
  CREATE TABLE kv (
    ns TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    expires_at INTEGER,
    PRIMARY KEY (ns, key)
  ) WITHOUT ROWID;
  CREATE INDEX kv_expiry ON kv (expires_at) WHERE expires_at IS NOT NULL;

  CREATE TABLE set_members (
    ns TEXT NOT NULL,
    key TEXT NOT NULL,
    member TEXT NOT NULL,
    PRIMARY KEY (ns, key, member)
  ) WITHOUT ROWID;

  -- rowid keeps enqueue order among items due at the same time.
  CREATE TABLE queue_items (
    queue TEXT NOT NULL,
    id TEXT NOT NULL,
    item TEXT,
    due_at INTEGER,
    attempts INTEGER NOT NULL DEFAULT 0,
    completed_at INTEGER,
    UNIQUE (queue, id)
  );
  CREATE INDEX queue_due ON queue_items (queue, due_at) WHERE completed_at IS NULL;
  CREATE INDEX queue_completed ON queue_items (completed_at) WHERE completed_at IS NOT NULL;
`;

/** Creates the tables in a new file; checks the version of an existing one. */
export function migrate(db: Database): void {
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new Error(`store schema version ${version} is newer than this build supports (${SCHEMA_VERSION})`);
    }
    if (version === 0) {
      db.exec(CREATE_V1);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    }
  }).immediate();
}
