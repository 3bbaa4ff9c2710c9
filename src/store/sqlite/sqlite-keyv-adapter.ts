// Our own Keyv store adapter over the shared better-sqlite3 handle (@keyv/sqlite would
// pull in sqlite3 and open a second connection). One instance per namespace: Keyv
// writes its namespace onto the adapter, and clear() removes that namespace only.
import { EventEmitter } from 'node:events';

import type { KeyvStoreAdapter } from 'keyv';

/** The kv table operations the adapter needs; the entries of one namespace are its rows with that `ns`. */
export interface KvTable {
  /** The stored entry unless it expired before `now`. */
  read(ns: string, key: string, now: number): string | undefined;
  /** Without `ttlMs` the entry never expires. */
  write(ns: string, key: string, raw: string, ttlMs: number | undefined): void;
  remove(ns: string, key: string): boolean;
  removeAll(ns: string): void;
}

export class SqliteKeyvAdapter extends EventEmitter implements KeyvStoreAdapter {
  readonly opts = { dialect: 'sqlite' };
  /** Set by Keyv to the namespace it was created with. */
  namespace: string | undefined;

  constructor(
    private readonly table: KvTable,
    namespace: string,
  ) {
    super();
    this.namespace = namespace;
  }

  // Keyv deserializes the string this returns; its typing of get() does not model that.
  async get<Value>(key: string): Promise<Value | undefined> {
    return this.table.read(this.ns(), key, Date.now()) as Value | undefined;
  }

  // Keyv passes no ttl, never 0, for an entry that does not expire.
  async set(key: string, value: string, ttl?: number): Promise<void> {
    this.table.write(this.ns(), key, value, ttl);
  }

  async delete(key: string): Promise<boolean> {
    return this.table.remove(this.ns(), key);
  }

  async has(key: string): Promise<boolean> {
    return this.table.read(this.ns(), key, Date.now()) !== undefined;
  }

  async clear(): Promise<void> {
    this.table.removeAll(this.ns());
  }

  private ns(): string {
    if (this.namespace === undefined) throw new Error('SqliteKeyvAdapter used without a namespace');
    return this.namespace;
  }
}
