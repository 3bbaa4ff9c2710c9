// What the Store runs its operations on. A store operation (operations/*.ts) is one
// named function that returns both implementations side by side: `sqlite` on the
// shared better-sqlite3 handle, `redis` on the node-redis client. The backend picks
// the one for its kind in `run`, the one place every backend call passes through
// (guarded-backend.ts puts the timeout there).
import type { createClient } from '@keyv/redis';
import type { Statement } from 'better-sqlite3';

export type RedisClient = ReturnType<typeof createClient>;

/** What an SQLite implementation gets: better-sqlite3 is synchronous, so implementations are too. */
export interface SqliteContext {
  /** The statement for `sql`, prepared once per database handle. */
  statement<Params extends unknown[] = unknown[], Row = unknown>(sql: string): Statement<Params, Row>;
  /** Runs `fn` in a BEGIN IMMEDIATE transaction: atomic against other processes on the same file too. */
  immediate<T>(fn: () => T): T;
  /**
   * Throws StoreUnavailableError unless the file at the configured path is still the
   * one this handle has open: SQLite goes on writing into a deleted or replaced file.
   */
  checkFile(): void;
}

/** What a Redis implementation gets. Several statements that must act as one go into a Lua script. */
export interface RedisContext {
  readonly client: RedisClient;
  /** The prefix of every key (StoreOptions.keyPrefix); each operation module documents its keys under it. */
  readonly prefix: string;
  /** Runs `task` after every earlier task of this process for the same `turnKey` has settled. */
  inTurn<T>(turnKey: string, task: () => Promise<T>): Promise<T>;
}

/** One store operation with its arguments bound, implemented for both backends. */
export interface StoreOperation<Result> {
  sqlite(db: SqliteContext): Result;
  redis(redis: RedisContext): Promise<Result>;
}

export interface StoreBackend {
  readonly kind: 'sqlite' | 'redis';
  /** Runs the implementation of `operation` for this backend. */
  run<Result>(operation: StoreOperation<Result>): Promise<Result>;
  /** Whether `error` (from `run`) means the backend cannot serve right now, rather than a bad call. */
  isUnavailable(error: unknown): boolean;
  close(): Promise<void>;
}
