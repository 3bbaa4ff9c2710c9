// The one Store implementation over either backend: it checks names and arguments,
// encodes values (entry-codec.ts for key-value entries, JSON for queue items), keeps
// the clock and refuses work once closed, then runs one operation of operations/*.ts
// on the backend.

import { Keyv } from 'keyv';

import type { StoreBackend, StoreOperation } from './backend.js';
import { encodeEntry, liveEntry } from './entry-codec.js';
import { EntryKeyvAdapter } from './keyv-adapter.js';
import { durabilityRisks } from './operations/durability.js';
import { swapEntry } from './operations/entries.js';
import { heartbeat } from './operations/heartbeat.js';
import * as leases from './operations/leases.js';
import * as news from './operations/news.js';
import * as queues from './operations/queue.js';
import * as turns from './operations/request-turns.js';
import * as sets from './operations/sets.js';
import {
  type ClaimedItem,
  type DurabilityRisk,
  type KeyValueNamespace,
  type Store,
  StoreClosedError,
  type TurnRequest,
  type UpdateOptions,
  type Updater,
} from './store.js';

const ping: StoreOperation<void> = {
  sqlite: (db) => void db.statement('SELECT 1').get(),
  redis: async ({ client }) => {
    await client.ping();
  },
};

/** Namespace and queue names: safe in Redis keys without escaping. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function checkName(kind: string, name: string): void {
  if (!NAME.test(name)) throw new TypeError(`invalid ${kind} name ${JSON.stringify(name)}`);
}

function checkKey(kind: string, key: string): void {
  if (typeof key !== 'string' || key === '') throw new TypeError(`${kind} must be a non-empty string`);
}

function checkValue(value: unknown): void {
  if (value === undefined) throw new TypeError('undefined cannot be stored');
}

function checkDuration(kind: string, ms: number | undefined): void {
  if (ms !== undefined && !(Number.isSafeInteger(ms) && ms > 0)) {
    throw new RangeError(`${kind} must be a positive whole number of milliseconds, got ${ms}`);
  }
}

function checkTime(kind: string, time: number | undefined): void {
  if (time !== undefined && !Number.isFinite(time)) throw new RangeError(`${kind} must be a time in ms since the epoch, got ${time}`);
}

export class BackedStore implements Store {
  readonly kind: 'sqlite' | 'redis';
  private readonly namespaces = new Map<string, KeyValueNamespace<unknown>>();
  private closed = false;

  constructor(
    private readonly backend: StoreBackend,
    private readonly completedRetentionMs: number,
  ) {
    this.kind = backend.kind;
  }

  namespace<T>(name: string): KeyValueNamespace<T> {
    this.checkOpen();
    checkName('namespace', name);
    let handle = this.namespaces.get(name);
    if (!handle) {
      handle = this.createNamespace(name);
      this.namespaces.set(name, handle);
    }
    return handle as KeyValueNamespace<T>;
  }

  async setIfAbsent(ns: string, key: string, value: unknown, ttlMs?: number): Promise<boolean> {
    this.checkEntry(ns, key);
    checkValue(value);
    checkDuration('ttlMs', ttlMs);
    return this.backend.run(
      swapEntry(ns, key, (raw) => {
        const now = Date.now();
        if (liveEntry(raw, now)) return { write: 'unchanged', result: false };
        return { write: encodeEntry(value, ttlMs, now), result: true };
      }),
    );
  }

  async update<T, R>(ns: string, key: string, fn: Updater<T, R>, options: UpdateOptions = {}): Promise<R> {
    this.checkEntry(ns, key);
    const { ttlMs } = options;
    checkDuration('ttlMs', ttlMs);
    return this.backend.run(
      swapEntry(ns, key, (raw) => {
        const now = Date.now();
        const { value, result } = fn(liveEntry(raw, now)?.value as T | undefined);
        return { write: value === undefined ? 'delete' : encodeEntry(value, ttlMs, now), result };
      }),
    );
  }

  async addToSet(ns: string, key: string, member: string): Promise<boolean> {
    this.checkMember(ns, key, member);
    return this.backend.run(sets.addToSet(ns, key, member));
  }

  async removeFromSet(ns: string, key: string, member: string): Promise<boolean> {
    this.checkMember(ns, key, member);
    return this.backend.run(sets.removeFromSet(ns, key, member));
  }

  async setMembers(ns: string, key: string): Promise<string[]> {
    this.checkEntry(ns, key);
    return (await this.backend.run(sets.setMembers(ns, key))).sort();
  }

  async enqueue(queue: string, id: string, item: unknown, notBefore?: number): Promise<boolean> {
    this.checkQueueItem(queue, id);
    checkValue(item);
    checkTime('notBefore', notBefore);
    return this.backend.run(queues.enqueue(queue, id, JSON.stringify(item), notBefore ?? Date.now()));
  }

  async claim<T>(queue: string, leaseMs: number, limit: number): Promise<ClaimedItem<T>[]> {
    this.checkOpen();
    checkName('queue', queue);
    checkDuration('leaseMs', leaseMs);
    if (!(Number.isSafeInteger(limit) && limit > 0)) throw new RangeError(`limit must be a positive integer, got ${limit}`);
    const now = Date.now();
    const claims = await this.backend.run(queues.claim(queue, now, now + leaseMs, limit));
    return claims.map(({ id, item, attempts }) => ({ id, item: JSON.parse(item) as T, attempts }));
  }

  async complete(queue: string, id: string): Promise<boolean> {
    this.checkQueueItem(queue, id);
    const now = Date.now();
    return this.backend.run(queues.complete(queue, id, now, now - this.completedRetentionMs));
  }

  async release(queue: string, id: string, notBefore?: number): Promise<boolean> {
    this.checkQueueItem(queue, id);
    checkTime('notBefore', notBefore);
    return this.backend.run(queues.release(queue, id, notBefore ?? Date.now()));
  }

  async pending(queue: string): Promise<number> {
    this.checkOpen();
    checkName('queue', queue);
    return this.backend.run(queues.pending(queue));
  }

  async acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    this.checkLease(name, holder);
    checkDuration('ttlMs', ttlMs);
    const now = Date.now();
    return this.backend.run(leases.acquireLease(name, holder, now, now + ttlMs));
  }

  async releaseLease(name: string, holder: string): Promise<boolean> {
    this.checkLease(name, holder);
    return this.backend.run(leases.releaseLease(name, holder));
  }

  async announcePresence(group: string, member: string, ttlMs: number): Promise<number> {
    this.checkMember(group, 'presence', member);
    checkDuration('ttlMs', ttlMs);
    const now = Date.now();
    return this.backend.run(leases.announcePresence(group, member, now, now + ttlMs));
  }

  async withdrawPresence(group: string, member: string): Promise<void> {
    this.checkMember(group, 'presence', member);
    await this.backend.run(leases.withdrawPresence(group, member));
  }

  async takeTurn(request: TurnRequest): Promise<number> {
    this.checkOpen();
    checkKey('id', request.id);
    if (!(Number.isSafeInteger(request.limit) && request.limit > 0)) throw new RangeError(`limit must be a positive integer, got ${request.limit}`);
    checkDuration('windowMs', request.windowMs);
    checkDuration('holdMs', request.holdMs);
    for (const scope of request.scopes) checkKey('scope', scope);
    if (request.onRefusal) {
      checkKey('scope', request.onRefusal.scope);
      checkDuration('onRefusal.ms', request.onRefusal.ms);
    }
    return this.backend.run(turns.takeTurn(request, Date.now));
  }

  async endTurn(id: string): Promise<void> {
    this.checkOpen();
    checkKey('id', id);
    await this.backend.run(turns.endTurn(id, Date.now));
  }

  async pauseTurns(scope: string, ms: number): Promise<void> {
    this.checkOpen();
    checkKey('scope', scope);
    checkDuration('ms', ms);
    await this.backend.run(turns.pauseTurns(scope, ms, Date.now));
  }

  async durabilityRisks(): Promise<DurabilityRisk[]> {
    this.checkOpen();
    return this.backend.run(durabilityRisks());
  }

  async putNews(items: readonly news.NewsWrite[], rules: { retainAfter: number; maxPerFeed: number }): Promise<news.NewsWriteOutcome[]> {
    this.checkOpen();
    if (!(Number.isSafeInteger(rules.maxPerFeed) && rules.maxPerFeed > 0))
      throw new RangeError(`maxPerFeed must be a positive integer, got ${rules.maxPerFeed}`);
    checkTime('retainAfter', rules.retainAfter);
    for (const item of items) {
      checkKey('news id', item.id);
      checkKey('news feed', item.feed);
      checkTime('news time', item.at);
    }
    if (items.length === 0) return [];
    return this.backend.run(news.putNews(items, { removeBefore: rules.retainAfter, maxPerFeed: rules.maxPerFeed, now: Date.now() }));
  }

  async replaceNews(replacements: readonly news.NewsReplacement[]): Promise<boolean[]> {
    this.checkOpen();
    for (const { id } of replacements) checkKey('news id', id);
    if (replacements.length === 0) return [];
    return this.backend.run(news.replaceNews(replacements));
  }

  async newsChanges(after: number, limit: number): Promise<news.RawNewsChanges> {
    this.checkOpen();
    if (!(Number.isSafeInteger(after) && after >= 0)) throw new RangeError(`after must be a sequence number, got ${after}`);
    if (!(Number.isSafeInteger(limit) && limit > 0)) throw new RangeError(`limit must be a positive integer, got ${limit}`);
    return this.backend.run(news.newsChanges(after, limit));
  }

  async ping(): Promise<void> {
    this.checkOpen();
    await this.backend.run(ping);
  }

  async heartbeat(): Promise<void> {
    this.checkOpen();
    await this.backend.run(heartbeat(Date.now()));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.backend.close();
  }

  private createNamespace<T>(name: string): KeyValueNamespace<T> {
    // throwOnErrors: by default Keyv reports a failed write as success. No serializer
    // and no key prefix: the adapter stores entries (keyv-adapter.ts).
    const keyv = new Keyv<T>(new EntryKeyvAdapter(this.backend, name), {
      namespace: name,
      useKeyPrefix: false,
      throwOnErrors: true,
      serialize: undefined,
      deserialize: undefined,
    });
    return {
      name,
      get: async (key) => {
        this.checkKey(key);
        return keyv.get(key);
      },
      set: async (key, value, ttlMs) => {
        this.checkKey(key);
        checkValue(value);
        checkDuration('ttlMs', ttlMs);
        await keyv.set(key, value, ttlMs);
      },
      delete: async (key) => {
        this.checkKey(key);
        return keyv.delete(key);
      },
      has: async (key) => {
        this.checkKey(key);
        return keyv.has(key);
      },
      clear: async () => {
        this.checkOpen();
        await keyv.clear();
      },
    };
  }

  private checkOpen(): void {
    if (this.closed) throw new StoreClosedError();
  }

  private checkKey(key: string): void {
    this.checkOpen();
    checkKey('key', key);
  }

  private checkEntry(ns: string, key: string): void {
    this.checkKey(key);
    checkName('namespace', ns);
  }

  private checkMember(ns: string, key: string, member: string): void {
    this.checkEntry(ns, key);
    checkKey('member', member);
  }

  private checkLease(name: string, holder: string): void {
    this.checkOpen();
    checkKey('lease name', name);
    checkKey('holder', holder);
  }

  private checkQueueItem(queue: string, id: string): void {
    this.checkOpen();
    checkName('queue', queue);
    checkKey('id', id);
  }
}
