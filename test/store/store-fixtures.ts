// Runs each store test against both backends: SQLite on a temp file and the Redis
// server at 127.0.0.1:6379 under a key prefix unique to this run (deleted afterwards).
// If Redis is unreachable the Redis variants are skipped, naming them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createClient } from '@keyv/redis';
import { afterAll, describe, onTestFinished } from 'vitest';

import { openStore } from '../../src/store/open-store.js';
import type { Store, StoreOptions } from '../../src/store/store.js';

export const REDIS_URL = 'redis://127.0.0.1:6379';

/** A ttl or lease long enough for a busy machine to finish the steps that need it alive… */
export const SHORT_MS = 250;
/** …and a wait that outlasts it. */
export const OUTLAST_SHORT_MS = 350;
const RUN_PREFIX = `lagebild-test:${process.pid}-${Date.now().toString(36)}`;

/** One place holding state; every store opened on it shares that state (like two processes would). */
export interface StateLocation {
  open(options?: StoreOptions): Promise<Store>;
}

export interface BackendFixture {
  name: 'sqlite' | 'redis';
  /** Why this backend's tests are skipped; undefined when they run. */
  skipReason: string | undefined;
  /** A new, empty location; stores opened on it are closed when the test ends. */
  freshLocation(): StateLocation;
}

async function redisUnreachableReason(): Promise<string | undefined> {
  const client = createClient({ url: REDIS_URL, socket: { connectTimeout: 1000, reconnectStrategy: false } });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    await client.close();
    return undefined;
  } catch (error) {
    return `Redis unreachable at ${REDIS_URL} (${(error as Error).message})`;
  }
}

/** Deletes every key this run created. */
async function deleteRunKeys(): Promise<void> {
  const client = createClient({ url: REDIS_URL });
  await client.connect();
  for await (const keys of client.scanIterator({ MATCH: `${RUN_PREFIX}:*`, COUNT: 500 })) {
    if (keys.length > 0) await client.del(keys);
  }
  await client.close();
}

let counter = 0;

/** Opens stores through `open` and closes them when the current test finishes. */
function closingAfterTest(open: (options?: StoreOptions) => Promise<Store>): StateLocation {
  return {
    async open(options) {
      const store = await open(options);
      onTestFinished(() => store.close());
      return store;
    },
  };
}

const tempRoot = mkdtempSync(join(tmpdir(), 'lagebild-store-'));
afterAll(() => rmSync(tempRoot, { recursive: true, force: true }));

const redisSkipReason = await redisUnreachableReason();
if (redisSkipReason === undefined) afterAll(deleteRunKeys);

/** A database file path no other test uses (its folder does not exist yet). */
export function uniqueSqlitePath(): string {
  return join(tempRoot, `state-${++counter}`, 'lagebild.sqlite');
}

/** A Redis key prefix no other test uses; its keys are deleted after the run. */
export function uniqueRedisPrefix(): string {
  return `${RUN_PREFIX}:${++counter}`;
}

export const sqliteBackend: BackendFixture = {
  name: 'sqlite',
  skipReason: undefined,
  freshLocation() {
    const file = uniqueSqlitePath();
    return closingAfterTest((options) => openStore(`sqlite:${file}`, options));
  },
};

export const redisBackend: BackendFixture = {
  name: 'redis',
  skipReason: redisSkipReason,
  freshLocation() {
    const keyPrefix = uniqueRedisPrefix();
    return closingAfterTest((options) => openStore(REDIS_URL, { ...options, keyPrefix }));
  },
};

/** Declares a suite "<backend>: <title>"; if the backend is unavailable it is skipped and named on stderr. */
export function describeBackend(backend: BackendFixture, title: string, body: () => void): void {
  const name = `${backend.name}: ${title}`;
  if (backend.skipReason !== undefined) console.warn(`Skipping "${name}": ${backend.skipReason}`);
  describe.skipIf(backend.skipReason !== undefined)(name, body);
}

/** Declares `body` once per backend. */
export function describeEachBackend(title: string, body: (backend: BackendFixture) => void): void {
  for (const backend of [sqliteBackend, redisBackend]) describeBackend(backend, title, () => body(backend));
}

/** The location's first store, opened; most tests need just that. */
export async function openFresh(backend: BackendFixture, options?: StoreOptions): Promise<Store> {
  return backend.freshLocation().open(options);
}
