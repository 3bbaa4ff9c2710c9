// Opens the store a setting names: `sqlite:PATH` or a plain path (the default, one
// file, created with its folder), or `redis://…` / `rediss://…` (state shared by
// several bot processes). Only the chosen backend's driver is loaded: the Redis
// client alone takes a tenth of a second to load, which a SQLite store need not pay.
import { BackedStore } from './backed-store.js';
import type { StoreBackend } from './backend.js';
import { guardedBackend } from './guarded-backend.js';
import type { Store, StoreOptions } from './store.js';
import { parseStoreUrl, type StoreTarget } from './store-url.js';

const DEFAULT_KEY_PREFIX = 'lagebild';
const DEFAULT_COMPLETED_RETENTION_MS = 7 * 24 * 60 * 60_000;
const DEFAULT_TIMEOUT_MS = 5000;
const DEFAULT_OPERATION_TIMEOUT_MS = 1500;

export async function openStore(target: string | StoreTarget, options: StoreOptions = {}): Promise<Store> {
  const where = typeof target === 'string' ? parseStoreUrl(target) : target;
  const backend = await openBackend(where, options);
  return new BackedStore(
    guardedBackend(backend, options.operationTimeoutMs ?? DEFAULT_OPERATION_TIMEOUT_MS),
    options.completedRetentionMs ?? DEFAULT_COMPLETED_RETENTION_MS,
  );
}

async function openBackend(where: StoreTarget, options: StoreOptions): Promise<StoreBackend> {
  if (where.kind === 'redis') {
    const { openRedisBackend } = await import('./redis/redis-backend.js');
    return openRedisBackend(where.url, {
      keyPrefix: options.keyPrefix ?? DEFAULT_KEY_PREFIX,
      connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_TIMEOUT_MS,
      onBackgroundError: options.onBackgroundError,
    });
  }
  const { openSqliteBackend } = await import('./sqlite/sqlite-backend.js');
  return openSqliteBackend(where.path, {
    busyTimeoutMs: options.busyTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    onBackgroundError: options.onBackgroundError,
  });
}
