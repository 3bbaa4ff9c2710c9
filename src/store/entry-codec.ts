// One stored format for key-value entries, used by Keyv (as its serializer) and by
// the atomic operations alike, so a value written by update() or setIfAbsent()
// reads back through namespace().get() and the other way round.
import type { DeserializedData } from 'keyv';

export function serializeEntry<Value>(entry: DeserializedData<Value>): string {
  return JSON.stringify(entry);
}

export function deserializeEntry<Value>(raw: string): DeserializedData<Value> {
  return JSON.parse(raw) as DeserializedData<Value>;
}

/** The stored form of `value`, expiring `ttlMs` after `now` if given. */
export function encodeEntry(value: unknown, ttlMs: number | undefined, now: number): string {
  return serializeEntry({ value, expires: ttlMs === undefined ? undefined : now + ttlMs });
}

/** The value of a stored entry, or undefined if there is none or it has expired. */
export function liveValue<T>(raw: string | undefined, now: number): T | undefined {
  if (raw === undefined) return undefined;
  const entry = deserializeEntry<T>(raw);
  if (typeof entry.expires === 'number' && entry.expires < now) return undefined;
  return entry.value;
}
