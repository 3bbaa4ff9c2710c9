// The one place that knows how a key-value entry is stored and when it expires.
// An entry is the JSON text {"value": …, "expires": ms since the epoch} ("expires"
// absent: never), the format Keyv's default serializer wrote, so existing state reads
// as it is. Whether an entry is live is decided here only, by this process's clock;
// the backends keep the expiry time natively too (SQLite's expires_at column, Redis'
// key expiry) just to drop dead entries, never to decide what a read sees.

/** An entry ready to be written: its stored text and the time it expires (undefined: never). */
export interface EncodedEntry {
  raw: string;
  expiresAt: number | undefined;
}

interface StoredEntry<T> {
  value: T;
  expires?: number | null;
}

/** The stored form of `value`, expiring `ttlMs` after `now` if given. */
export function encodeEntry(value: unknown, ttlMs: number | undefined, now: number): EncodedEntry {
  const expiresAt = ttlMs === undefined ? undefined : now + ttlMs;
  const entry: StoredEntry<unknown> = expiresAt === undefined ? { value } : { value, expires: expiresAt };
  return { raw: JSON.stringify(entry), expiresAt };
}

/** The entry stored as `raw` if it is live at `now`; undefined if there is none or it has expired. */
export function liveEntry(raw: string | undefined, now: number): { value: unknown } | undefined {
  if (raw === undefined) return undefined;
  const entry = JSON.parse(raw) as StoredEntry<unknown>;
  if (typeof entry.expires === 'number' && entry.expires < now) return undefined;
  return { value: entry.value };
}
