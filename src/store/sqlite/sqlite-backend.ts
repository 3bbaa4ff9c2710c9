// SQLite backend: one better-sqlite3 handle in WAL mode, shared by every namespace.
// better-sqlite3 is synchronous, so each operation is a single statement or an
// IMMEDIATE transaction: atomic against other handles on the same file (other
// processes) as well, which wait up to busyTimeoutMs for the write lock.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import Database from 'better-sqlite3';

import type { EntryWrite, RawClaim, StoreBackend } from '../backend.js';
import { migrate } from './schema.js';
import { type KvTable, SqliteKeyvAdapter } from './sqlite-keyv-adapter.js';

/** Expired entries are dropped when read; this sweep removes those nobody reads again. */
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
    return new SqliteBackend(db, options.onBackgroundError);
  } catch (error) {
    db.close();
    throw error;
  }
}

function expiresAt(ttlMs: number | undefined): number | null {
  return ttlMs === undefined ? null : Date.now() + ttlMs;
}

function prepareStatements(db: Database.Database) {
  return {
    kvRead: db.prepare<[string, string, number], { value: string }>(
      'SELECT value FROM kv WHERE ns = ? AND key = ? AND (expires_at IS NULL OR expires_at >= ?)',
    ),
    kvWrite: db.prepare<[string, string, string, number | null]>(
      `INSERT INTO kv (ns, key, value, expires_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (ns, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
    ),
    // Replaces an existing row only if it has expired.
    kvInsertIfAbsent: db.prepare<[string, string, string, number | null, number]>(
      `INSERT INTO kv (ns, key, value, expires_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (ns, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at
       WHERE kv.expires_at < ?`,
    ),
    kvDelete: db.prepare<[string, string]>('DELETE FROM kv WHERE ns = ? AND key = ?'),
    kvDeleteNamespace: db.prepare<[string]>('DELETE FROM kv WHERE ns = ?'),
    kvSweep: db.prepare<[number]>('DELETE FROM kv WHERE expires_at < ?'),
    setAdd: db.prepare<[string, string, string]>('INSERT INTO set_members (ns, key, member) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
    setRemove: db.prepare<[string, string, string]>('DELETE FROM set_members WHERE ns = ? AND key = ? AND member = ?'),
    setMembers: db.prepare<[string, string], { member: string }>('SELECT member FROM set_members WHERE ns = ? AND key = ?'),
    queueInsert: db.prepare<[string, string, string, number]>(
      'INSERT INTO queue_items (queue, id, item, due_at) VALUES (?, ?, ?, ?) ON CONFLICT (queue, id) DO NOTHING',
    ),
    queueDue: db.prepare<[string, number, number], { rowid: number; id: string; item: string; attempts: number }>(
      `SELECT rowid, id, item, attempts FROM queue_items
       WHERE queue = ? AND completed_at IS NULL AND due_at <= ?
       ORDER BY due_at, rowid LIMIT ?`,
    ),
    queueLease: db.prepare<[number, number]>('UPDATE queue_items SET due_at = ?, attempts = attempts + 1 WHERE rowid = ?'),
    queueComplete: db.prepare<[number, string, string]>(
      `UPDATE queue_items SET completed_at = ?, item = NULL, due_at = NULL
       WHERE queue = ? AND id = ? AND completed_at IS NULL`,
    ),
    queueForget: db.prepare<[number]>('DELETE FROM queue_items WHERE completed_at < ?'),
    queueRelease: db.prepare<[number, string, string]>('UPDATE queue_items SET due_at = ? WHERE queue = ? AND id = ? AND completed_at IS NULL'),
    queuePending: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM queue_items WHERE queue = ? AND completed_at IS NULL'),
    ping: db.prepare('SELECT 1'),
  };
}

class SqliteBackend implements StoreBackend {
  readonly kind = 'sqlite';
  private readonly sql: ReturnType<typeof prepareStatements>;
  private readonly kvTable: KvTable;
  private readonly sweepTimer: NodeJS.Timeout;
  private readonly updateTx;
  private readonly claimTx;

  constructor(
    private readonly db: Database.Database,
    private readonly onBackgroundError: ((error: Error) => void) | undefined,
  ) {
    const sql = prepareStatements(db);
    this.sql = sql;
    this.kvTable = {
      read: (ns, key, now) => sql.kvRead.get(ns, key, now)?.value,
      write: (ns, key, raw, ttlMs) => void sql.kvWrite.run(ns, key, raw, expiresAt(ttlMs)),
      remove: (ns, key) => sql.kvDelete.run(ns, key).changes > 0,
      removeAll: (ns) => void sql.kvDeleteNamespace.run(ns),
    };
    this.updateTx = db.transaction((ns: string, key: string, step: (current: string | undefined) => EntryWrite) => {
      const write = step(this.kvTable.read(ns, key, Date.now()));
      if (write === null) sql.kvDelete.run(ns, key);
      else sql.kvWrite.run(ns, key, write.raw, expiresAt(write.ttlMs));
    });
    this.claimTx = db.transaction((queue: string, now: number, leaseUntil: number, limit: number): RawClaim[] =>
      sql.queueDue.all(queue, now, limit).map((row) => {
        sql.queueLease.run(leaseUntil, row.rowid);
        return { id: row.id, item: row.item, attempts: row.attempts + 1 };
      }),
    );
    this.sweep();
    this.sweepTimer = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS).unref();
  }

  keyvBinding(ns: string) {
    return { adapter: new SqliteKeyvAdapter(this.kvTable, ns), keyvNamespace: ns };
  }

  async setIfAbsent(ns: string, key: string, raw: string, ttlMs: number | undefined): Promise<boolean> {
    return this.sql.kvInsertIfAbsent.run(ns, key, raw, expiresAt(ttlMs), Date.now()).changes > 0;
  }

  async update(ns: string, key: string, step: (current: string | undefined) => EntryWrite): Promise<void> {
    this.updateTx.immediate(ns, key, step);
  }

  async addToSet(ns: string, key: string, member: string): Promise<boolean> {
    return this.sql.setAdd.run(ns, key, member).changes > 0;
  }

  async removeFromSet(ns: string, key: string, member: string): Promise<boolean> {
    return this.sql.setRemove.run(ns, key, member).changes > 0;
  }

  async setMembers(ns: string, key: string): Promise<string[]> {
    return this.sql.setMembers.all(ns, key).map((row) => row.member);
  }

  async enqueue(queue: string, id: string, item: string, dueAt: number): Promise<boolean> {
    return this.sql.queueInsert.run(queue, id, item, dueAt).changes > 0;
  }

  async claim(queue: string, now: number, leaseUntil: number, limit: number): Promise<RawClaim[]> {
    return this.claimTx.immediate(queue, now, leaseUntil, limit);
  }

  async complete(queue: string, id: string, now: number, forgetBefore: number): Promise<boolean> {
    const completed = this.sql.queueComplete.run(now, queue, id).changes > 0;
    this.sql.queueForget.run(forgetBefore);
    return completed;
  }

  async release(queue: string, id: string, dueAt: number): Promise<boolean> {
    return this.sql.queueRelease.run(dueAt, queue, id).changes > 0;
  }

  async pending(queue: string): Promise<number> {
    return this.sql.queuePending.get(queue)?.n ?? 0;
  }

  async ping(): Promise<void> {
    this.sql.ping.get();
  }

  async close(): Promise<void> {
    clearInterval(this.sweepTimer);
    this.db.close();
  }

  private sweep(): void {
    try {
      this.sql.kvSweep.run(Date.now());
    } catch (error) {
      this.onBackgroundError?.(error as Error);
    }
  }
}
