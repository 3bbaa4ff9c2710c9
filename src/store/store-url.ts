// The one reader of a store setting (LAGEBILD_STORE, the CLI, tests): which
// backend and where. Kept apart from open-store.ts so the config can use it
// without loading the SQLite and Redis drivers.

/** Where the state lives; also the type of the config's LAGEBILD_STORE. */
export type StoreTarget = { kind: 'sqlite'; path: string } | { kind: 'redis'; url: string };

/** A store setting that names no usable store; the message says why and never repeats the setting (it may hold a password). */
export class StoreUrlError extends Error {
  override readonly name = 'StoreUrlError';
}

/** The forms a store setting takes, for messages that refuse one. */
const STORE_FORMS =
  '"sqlite:PATH" (e.g. sqlite:./var/lagebild.sqlite), "sqlite://RELATIVE/PATH", "sqlite:///ABSOLUTE/PATH", a file path, or a Redis URL "redis://HOST:PORT" / "rediss://…"';

/**
 * `sqlite:PATH` (`sqlite:./var/lagebild.sqlite`), the URL forms `sqlite://RELATIVE`
 * and `sqlite:///ABSOLUTE`, `sqlite::memory:`, a plain file path, or a Redis URL
 * `redis://…` / `rediss://…`. Throws a StoreUrlError for anything else.
 */
export function parseStoreUrl(url: string): StoreTarget {
  if (/^rediss?:/i.test(url)) {
    if (/^rediss?:\/\//i.test(url) && URL.canParse(url)) return { kind: 'redis', url };
    throw new StoreUrlError('a Redis URL must look like redis://HOST:PORT or rediss://HOST:PORT');
  }
  // Two or more letters, so a Windows drive letter (C:\…) stays a path.
  const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'sqlite') throw new StoreUrlError(`unsupported store URL scheme "${scheme}:"`);
  // After `sqlite:`, a URL's `//` starts the (empty) host: `sqlite://var/x.db` is
  // var/x.db in the working directory, `sqlite:///srv/x.db` is /srv/x.db.
  const rest = scheme === 'sqlite' ? url.slice('sqlite:'.length) : url;
  const path = scheme === 'sqlite' && rest.startsWith('//') ? urlPath(rest.slice(2)) : rest;
  if (path === '' || path.endsWith('/')) throw new StoreUrlError('it names no file (sqlite:PATH)');
  return { kind: 'sqlite', path };
}

/** The path of a `sqlite://` URL: escapes decoded as in any URL; options (`?mode=ro`) are refused rather than made part of the file name. */
function urlPath(path: string): string {
  if (/[?#]/.test(path)) throw new StoreUrlError('a sqlite:// URL takes no options ("?…" or "#…")');
  try {
    return decodeURIComponent(path);
  } catch {
    throw new StoreUrlError('the sqlite:// URL has a malformed %-escape');
  }
}

/** A store setting read: where the store is, or what is wrong with the setting (named `setting`) and the forms it takes. */
export type StoreSetting = { ok: true; target: StoreTarget } | { ok: false; problem: string };

export function readStoreSetting(setting: string, value: string): StoreSetting {
  try {
    return { ok: true, target: parseStoreUrl(value.trim()) };
  } catch (error) {
    if (!(error instanceof StoreUrlError)) throw error;
    return { ok: false, problem: `${setting} must be ${STORE_FORMS}: ${error.message}.` };
  }
}
