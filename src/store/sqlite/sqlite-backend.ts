// SQLite backend: one better-sqlite3 handle in WAL mode, shared by every namespace.
// better-sqlite3 is synchronous, so each operation is a single statement or an
// IMMEDIATE transaction: atomic against other handles on the same file (other
// processes) as well, which wait up to busyTimeoutMs for the write lock.
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

import Database from 'better-sqlite3';

import type { SqliteContext, StoreBackend, StoreOperation } from '../backend.js';
import { removeExpiredEntries } from '../operations/entries.js';
import { StoreUnavailableError } from '../store.js';
import { migrate } from './schema.js';

/**
 * SQLite result codes (better-sqlite3's SqliteError.code, extended codes included)
 * that mean the file cannot be used right now: disk full, I/O errors, locked by
 * another process for longer than the busy timeout, read-only, gone or damaged.
 */
const UNAVAILABLE = /^SQLITE_(FULL|IOERR|BUSY|LOCKED|READONLY|CANTOPEN|CORRUPT|NOTADB|PROTOCOL|NOLFS|PERM|AUTH)(_|$)/;

/** Which file a path names: device and inode, so a deleted or replaced file shows. */
function fileIdentity(path: string): string | undefined {
  try {
    const stat = statSync(path);
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return undefined;
  }
}

/** Expired entries are never read (entry-codec.ts); this sweep removes them from the file. */
const SWEEP_INTERVAL_MS = 10 * 60_000;

export interface SqliteBackendOptions {
  busyTimeoutMs: number;
  onBackgroundError: ((error: Error) => void) | undefined;
}

/** Opens (creating file and folder if needed) a database; `:memory:` gives a private in-memory one. */
export function openSqliteBackend(path: string, options: SqliteBackendOptions): StoreBackend {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { timeout: options.busyTimeoutMs });
  try {
    db.pragma('journal_mode = WAL');
    migrate(db);
    // Taken right after opening: the file the handle has open is the one at the path now.
    const opened = path === ':memory:' ? undefined : { path, identity: fileIdentity(path) };
    return new SqliteBackend(db, options.onBackgroundError, opened);
  } catch (error) {
    db.close();
    throw error;
  }
}

class SqliteBackend implements StoreBackend {
  readonly kind = 'sqlite';
  private readonly statements = new Map<string, Database.Statement>();
  private readonly context: SqliteContext;
  private readonly sweepTimer: NodeJS.Timeout;

  constructor(
    private readonly db: Database.Database,
    private readonly onBackgroundError: ((error: Error) => void) | undefined,
    opened: { path: string; identity: string | undefined } | undefined,
  ) {
    this.context = {
      statement: <Params extends unknown[], Row>(sql: string) => {
        let statement = this.statements.get(sql);
        if (!statement) this.statements.set(sql, (statement = db.prepare(sql)));
        return statement as Database.Statement<Params, Row>;
      },
      immediate: (fn) => db.transaction(fn).immediate(),
      checkFile: () => {
        if (opened && fileIdentity(opened.path) !== opened.identity) {
          throw new StoreUnavailableError(`the database file ${opened.path} was deleted or replaced while open; restart the bot`);
        }
      },
    };
    this.sweep();
    this.sweepTimer = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS).unref();
  }

  // A promise so that what the operation throws rejects it, as on Redis.
  run<Result>(operation: StoreOperation<Result>): Promise<Result> {
    return new Promise((resolve) => resolve(operation.sqlite(this.context)));
  }

  isUnavailable(error: unknown): boolean {
    return error instanceof Database.SqliteError && UNAVAILABLE.test(error.code);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      clearInterval(this.sweepTimer);
      this.db.close();
      resolve();
    });
  }

  private sweep(): void {
    try {
      removeExpiredEntries(Date.now()).sqlite(this.context);
    } catch (error) {
      this.onBackgroundError?.(error as Error);
    }
  }
}
