// The contract for all persistent state (settings, subscriptions, seen items, the REST budget,
// the delivery outbox). Two backends implement it with the same semantics:
// SQLite (default, one file, no server) and Redis (shared by several bot processes).
// Every operation either succeeds or rejects; nothing fails silently.
//
// How it is built: open-store.ts opens a backend (sqlite/ or redis/) and wraps it in
// BackedStore (backed-store.ts), the one implementation of this interface. BackedStore
// checks arguments and encodes values, then runs one named operation of operations/*.ts,
// each written once with its SQLite and its Redis implementation side by side
// (README.md there: how to add one). Key-value entries have one format and one rule for
// expiry, in entry-codec.ts; namespaces are Keyv instances whose adapter
// (keyv-adapter.ts) reads and writes through the same entries operations that
// setIfAbsent and update use, so all three see the same entries.
import type { DurabilityRisk } from './operations/durability.js';
import type { NewsReplacement, NewsWrite, NewsWriteOutcome, RawNewsChanges } from './operations/news.js';
import type { TurnRequest } from './operations/request-turns.js';
import type { StoreTarget } from './store-url.js';

export type { NewsReplacement, NewsWrite, NewsWriteOutcome, RawNewsChange, RawNewsChanges } from './operations/news.js';

/**
 * A typed view of one namespace's key-value entries, backed by its own Keyv.
 * Values must survive JSON.stringify/JSON.parse; `undefined` cannot be stored.
 */
export interface KeyValueNamespace<T> {
  readonly name: string;
  get(key: string): Promise<T | undefined>;
  /** Stores `value`; with `ttlMs` the entry disappears after that many milliseconds. */
  set(key: string, value: T, ttlMs?: number): Promise<void>;
  /** Resolves true if an entry was removed. */
  delete(key: string): Promise<boolean>;
  has(key: string): Promise<boolean>;
  /** Removes every entry of this namespace and of no other; sets and queues are untouched. */
  clear(): Promise<void>;
}

/**
 * Computes, from the current value, the value to store (`undefined` deletes the entry)
 * and what `update` resolves. Must be pure: on Redis it runs again when another writer
 * got in first, and only its last run counts.
 */
export type Updater<T, R> = (current: T | undefined) => { value: T | undefined; result: R };

export interface UpdateOptions {
  /** Expiry for the written value; without it the value does not expire. */
  ttlMs?: number;
}

/** A queue item handed to one worker until its lease runs out. */
export interface ClaimedItem<T> {
  id: string;
  item: T;
  /** How many times the item has been claimed, this claim included (1 on the first). */
  attempts: number;
}

export interface Store {
  readonly kind: 'sqlite' | 'redis';

  /** The key-value entries of namespace `name` (letters, digits, `.`, `_`, `-`). */
  namespace<T>(name: string): KeyValueNamespace<T>;

  /**
   * Writes `value` at `key` of namespace `ns` only if no live entry is there.
   * Resolves true for exactly one of any number of concurrent callers, across
   * processes too. With `ttlMs` the claim lapses, after which the key can be won again.
   * The value reads back through `namespace(ns).get(key)`.
   */
  setIfAbsent(ns: string, key: string, value: unknown, ttlMs?: number): Promise<boolean>;

  /**
   * Atomic read-modify-write of `key` in namespace `ns`: no concurrent update is lost,
   * across processes too. `fn` must be pure: on Redis it runs again when another writer
   * got in first. Writes the `value` of fn's last run and resolves its `result`.
   * Throws StoreConflictError if the key stays contended for too long.
   */
  update<T, R>(ns: string, key: string, fn: Updater<T, R>, options?: UpdateOptions): Promise<R>;

  /**
   * Adds `member` to the string set at `key` (e.g. a subscription index by topic).
   * Sets live apart from key-value entries. Resolves true if `member` was not yet in it.
   */
  addToSet(ns: string, key: string, member: string): Promise<boolean>;
  /** Resolves true if `member` was in the set. */
  removeFromSet(ns: string, key: string, member: string): Promise<boolean>;
  /** The members in ascending order; an unknown set is empty. */
  setMembers(ns: string, key: string): Promise<string[]>;

  /**
   * Adds an item to queue `queue` (an outbox). Idempotent by `id`: resolves false and
   * changes nothing if the id is queued, claimed, or was completed within the
   * completed-id retention (StoreOptions.completedRetentionMs).
   * The item becomes claimable at `notBefore` (ms since epoch), default now.
   */
  enqueue(queue: string, id: string, item: unknown, notBefore?: number): Promise<boolean>;

  /**
   * Leases up to `limit` due items, earliest due first (ties: SQLite in enqueue order,
   * Redis by id), to the caller for `leaseMs`. A claimed item is invisible to other
   * claims until its lease runs out; then it is claimable again (a crashed worker loses
   * nothing). Finish with `complete` or `release`. Keep leases longer than the work
   * takes: an expired lease may be claimed twice. Due and lease times come from the
   * calling process's clock, so processes sharing a Redis server need synchronised clocks.
   */
  claim<T>(queue: string, leaseMs: number, limit: number): Promise<ClaimedItem<T>[]>;

  /** Removes the item for good (its id is remembered for idempotent enqueue). Resolves false if it was not in the queue. */
  complete(queue: string, id: string): Promise<boolean>;

  /**
   * Ends a lease early: the item becomes claimable again at `notBefore` (default now),
   * e.g. to retry later after a failed delivery. Resolves false if it was not in the queue.
   */
  release(queue: string, id: string, notBefore?: number): Promise<boolean>;

  /** How many items are in the queue and not completed (waiting or claimed). */
  pending(queue: string): Promise<number>;

  /**
   * Takes lease `name` (any non-empty string, e.g. `feed:URL`) for
   * `holder` for `ttlMs`, unless another holder's lease is live; renews the holder's own.
   * Resolves true if `holder` holds it now. Exactly one of any number of concurrent
   * holders wins, across processes too. Expiry goes by the calling process's clock on
   * SQLite and by the server's on Redis.
   */
  acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up if `holder` holds it (resolves true then), so another can take it at once. */
  releaseLease(name: string, holder: string): Promise<boolean>;

  /**
   * Marks `member` of `group` (a name as for namespaces) alive for `ttlMs` and resolves how
   * many members of the group are alive, this one included: the processes sharing some work.
   */
  announcePresence(group: string, member: string, ttlMs: number): Promise<number>;
  /** Removes `member` from `group` at once (on a clean stop). */
  withdrawPresence(group: string, member: string): Promise<void>;

  /**
   * Takes a turn of the request budget every process on this store shares (a sliding
   * window: at most `limit` turns held, each from when it was taken until `windowMs`
   * after `endTurn`). Resolves 0 when the turn was taken, otherwise how many ms to wait
   * before asking again. Remembered across restarts of the bot and of Redis (as far as
   * Redis persists).
   */
  takeTurn(request: TurnRequest): Promise<number>;
  /** Ends a taken turn now: it is held for one more window. */
  endTurn(id: string): Promise<void>;
  /** Holds every turn request naming `scope` for `ms` (a longer pause already set stays). */
  pauseTurns(scope: string, ms: number): Promise<void>;

  /**
   * How the server would lose or drop the bot's state, as far as it says (Redis: CONFIG
   * GET; a server that refuses CONFIG tells nothing): empty when it keeps it or cannot tell.
   */
  durabilityRisks(): Promise<DurabilityRisk[]>;

  /**
   * Writes news items (feed items kept to answer from): a new id is added, a changed
   * text (or date) replaces the stored one, an unchanged one writes nothing; an undated
   * item keeps the time it was first stored. Then each feed written to keeps its
   * `maxPerFeed` latest items and every item ordered before `retainAfter` goes. Each
   * write and removal is a change `newsChanges` reports. One outcome per item, in order.
   */
  putNews(items: readonly NewsWrite[], rules: { retainAfter: number; maxPerFeed: number }): Promise<NewsWriteOutcome[]>;

  /**
   * Replaces the text of stored news items, each only where it is still `expected`: what
   * another writer changed or removed since it was read stays as that writer left it. The
   * item's time, feed and place under the retention and the cap stay; each replacement is a
   * change `newsChanges` reports. True where replaced, in order.
   */
  replaceNews(replacements: readonly NewsReplacement[]): Promise<boolean[]>;

  /** Up to `limit` changes of news items after sequence number `after` (0: from the start), oldest first. */
  newsChanges(after: number, limit: number): Promise<RawNewsChanges>;

  /** Resolves if the backend answers; rejects otherwise (for health checks). */
  ping(): Promise<void>;

  /**
   * Writes a heartbeat: resolves only if the store takes a write where it should
   * (SQLite: into the file that is at the configured path now, not a deleted or
   * replaced one). Rejects with StoreUnavailableError otherwise (for health checks).
   */
  heartbeat(): Promise<void>;

  /** Releases the database handle or connection; later calls reject with StoreClosedError. Idempotent. */
  close(): Promise<void>;
}

export type { DurabilityRisk } from './operations/durability.js';
export type { TurnRequest } from './operations/request-turns.js';

export interface StoreOptions {
  /** Redis: prefix of every key, so several bots or test runs can share one server. Default `lagebild`. */
  keyPrefix?: string;
  /** How long a completed queue id keeps `enqueue` of the same id a no-op. Default 7 days. */
  completedRetentionMs?: number;
  /** SQLite: how long to wait for another process's write lock. Default 5000. */
  busyTimeoutMs?: number;
  /** Redis: how long the first connection may take. Default 5000. */
  connectTimeoutMs?: number;
  /**
   * How long any one operation may take before it rejects with StoreUnavailableError
   * (a hung server never answers). Default 1500: below the 2 s within which an
   * interaction is answered or deferred, so a command can still say so in time.
   * SQLite works synchronously; there busyTimeoutMs bounds the wait.
   */
  operationTimeoutMs?: number;
  /** Called with connection errors that happen between operations (Redis reconnects). */
  onBackgroundError?: (error: Error) => void;
}

/** Which store to open and the options of it that settings give: plain data, so it can cross to a worker thread. */
export type StoreOpening = { target: StoreTarget } & Pick<StoreOptions, 'keyPrefix' | 'busyTimeoutMs' | 'operationTimeoutMs'>;

export class StoreClosedError extends Error {
  constructor() {
    super('The store is closed');
    this.name = 'StoreClosedError';
  }
}

/** An `update` that kept losing to concurrent writers. */
export class StoreConflictError extends Error {
  constructor(ns: string, key: string, attempts: number) {
    super(`update of ${ns}/${key} lost to concurrent writers ${attempts} times`);
    this.name = 'StoreConflictError';
  }
}

/**
 * The store cannot serve right now: no answer in time, no connection, or it cannot
 * write (disk full, database file gone). Trying again later may succeed; `cause`
 * holds the backend's own error, if any.
 */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}
