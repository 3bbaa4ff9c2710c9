// The SQLite tables, created on open and versioned through PRAGMA user_version so a
// later build can migrate a file written by this one (and an older build refuses a newer file).
import type { Database } from 'better-sqlite3';

const SCHEMA_VERSION = 3;

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

// Version 2: the shared REST budget (operations/request-turns.ts).
const CREATE_V2 = `
  CREATE TABLE request_turns (
    id TEXT PRIMARY KEY,
    held_until INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX request_turns_held ON request_turns (held_until);

  CREATE TABLE request_pauses (
    scope TEXT PRIMARY KEY,
    until INTEGER NOT NULL
  ) WITHOUT ROWID;
`;

// Version 3: news items and their change log (operations/news.ts).
const CREATE_V3 = `
  CREATE TABLE news_items (
    id TEXT PRIMARY KEY,
    feed TEXT NOT NULL,
    at INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    item TEXT,
    removed_at INTEGER
  );
  CREATE INDEX news_seq ON news_items (seq);
  CREATE INDEX news_feed_at ON news_items (feed, at) WHERE item IS NOT NULL;
  CREATE INDEX news_at ON news_items (at) WHERE item IS NOT NULL;
  CREATE INDEX news_removed ON news_items (removed_at) WHERE item IS NULL;

  CREATE TABLE news_meta (
    key TEXT PRIMARY KEY,
    value INTEGER NOT NULL
  ) WITHOUT ROWID;
`;

/** Creates the tables in a new file, adds those of later versions to an older one; refuses a newer one. */
export function migrate(db: Database): void {
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new Error(`store schema version ${version} is newer than this build supports (${SCHEMA_VERSION})`);
    }
    if (version === 0) db.exec(CREATE_V1);
    if (version < 2) db.exec(CREATE_V2);
    if (version < 3) db.exec(CREATE_V3);
    if (version < SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
