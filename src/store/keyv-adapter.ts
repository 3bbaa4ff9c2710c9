// The Keyv store adapter of every namespace, on either backend. Keyv is given no
// serializer: it hands this adapter {value, expires} objects and takes back what
// get() returns as they are, so entry-codec.ts alone encodes entries and decides
// expiry, and the entries operations alone know where they are stored — the same
// ones setIfAbsent and update use.
import { EventEmitter } from 'node:events';

import type { KeyvStoreAdapter, StoredData } from 'keyv';

import type { StoreBackend } from './backend.js';
import { encodeEntry, liveEntry } from './entry-codec.js';
import { clearEntries, deleteEntry, readEntry, writeEntry } from './operations/entries.js';

export class EntryKeyvAdapter extends EventEmitter implements KeyvStoreAdapter {
  readonly opts = {};
  /** Keyv writes its namespace here; this adapter serves `ns` only, whatever Keyv writes. */
  namespace: string | undefined;

  constructor(
    private readonly backend: StoreBackend,
    private readonly ns: string,
  ) {
    super();
  }

  async get<Value>(key: string): Promise<StoredData<Value> | undefined> {
    // What was stored as a Value reads back as one.
    return liveEntry(await this.backend.run(readEntry(this.ns, key)), Date.now()) as { value: Value } | undefined;
  }

  // Keyv passes no ttl, never 0, for an entry that does not expire.
  async set(key: string, data: { value: unknown }, ttl?: number): Promise<void> {
    await this.backend.run(writeEntry(this.ns, key, encodeEntry(data.value, ttl, Date.now())));
  }

  async delete(key: string): Promise<boolean> {
    return this.backend.run(deleteEntry(this.ns, key));
  }

  async has(key: string): Promise<boolean> {
    return (await this.get(key)) !== undefined;
  }

  async clear(): Promise<void> {
    await this.backend.run(clearEntries(this.ns));
  }
}
