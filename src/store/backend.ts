// What a storage backend (SQLite, Redis) provides to the typed Store in
// typed-store.ts. Backends deal in raw strings and only store atomically; the typed
// layer validates names, encodes values and keeps the time, so both behave alike.
import type { KeyvStoreAdapter } from 'keyv';

/** What an update step decided to store: an encoded entry, or null to delete the key. */
export type EntryWrite = { raw: string; ttlMs: number | undefined } | null;

export interface RawClaim {
  id: string;
  item: string;
  attempts: number;
}

/** A Keyv adapter for one namespace and the namespace Keyv must be given along with it. */
export interface KeyvBinding {
  adapter: KeyvStoreAdapter;
  keyvNamespace: string;
}

export interface StoreBackend {
  readonly kind: 'sqlite' | 'redis';
  /** A new adapter per namespace: Keyv writes its namespace onto the adapter it is given. */
  keyvBinding(ns: string): KeyvBinding;
  setIfAbsent(ns: string, key: string, raw: string, ttlMs: number | undefined): Promise<boolean>;
  /** Writes `step(current entry)` atomically; `step` may run more than once. */
  update(ns: string, key: string, step: (current: string | undefined) => EntryWrite): Promise<void>;
  addToSet(ns: string, key: string, member: string): Promise<boolean>;
  removeFromSet(ns: string, key: string, member: string): Promise<boolean>;
  setMembers(ns: string, key: string): Promise<string[]>;
  enqueue(queue: string, id: string, item: string, dueAt: number): Promise<boolean>;
  claim(queue: string, now: number, leaseUntil: number, limit: number): Promise<RawClaim[]>;
  /** Also forgets ids completed before `forgetBefore`. */
  complete(queue: string, id: string, now: number, forgetBefore: number): Promise<boolean>;
  release(queue: string, id: string, dueAt: number): Promise<boolean>;
  pending(queue: string): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
