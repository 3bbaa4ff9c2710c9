// The one reader of a store setting (LAGEBILD_STORE, the CLI, tests): which
// backend and where. Kept apart from open-store.ts so the config can use it
// without loading the SQLite and Redis drivers.

/** Where the state lives; also the type of the config's LAGEBILD_STORE. */
export type StoreTarget = { kind: 'sqlite'; path: string } | { kind: 'redis'; url: string };

/** A store setting that names no usable store; the message says why and never repeats the setting (it may hold a password). */
export class StoreUrlError extends Error {
  override readonly name = 'StoreUrlError';
}

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
  const path = scheme === 'sqlite' ? url.slice('sqlite:'.length).replace(/^\/\//, '') : url;
  if (path === '' || path.endsWith('/')) throw new StoreUrlError('it names no file (sqlite:PATH)');
  return { kind: 'sqlite', path };
}
