// The one place every store call passes through (guarded-backend.ts): an operation
// that gets no answer in time, or fails for want of a server, rejects with
// StoreUnavailableError; other failures (bad calls, bugs) reject as they are.
import { describe, expect, it } from 'vitest';

import type { StoreBackend, StoreOperation } from '../../src/store/backend.js';
import { guardedBackend } from '../../src/store/guarded-backend.js';
import { StoreUnavailableError } from '../../src/store/store.js';

const OFFLINE = new Error('The client is offline');

function backendRunning(run: () => Promise<unknown>): StoreBackend {
  return {
    kind: 'redis',
    run: run as StoreBackend['run'],
    isUnavailable: (error) => error === OFFLINE,
    close: () => Promise.resolve(),
  };
}

const operation = {} as StoreOperation<unknown>;

describe('guardedBackend', () => {
  it('rejects an operation that gets no answer with StoreUnavailableError after the timeout', async () => {
    const guarded = guardedBackend(
      backendRunning(() => new Promise(() => undefined)),
      100,
    );
    const started = Date.now();
    await expect(guarded.run(operation)).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('passes on an answer that comes in time', async () => {
    const guarded = guardedBackend(
      backendRunning(() => Promise.resolve(42)),
      1000,
    );
    await expect(guarded.run(operation)).resolves.toBe(42);
  });

  it('turns a failure the backend calls unavailability into StoreUnavailableError, keeping the cause', async () => {
    const guarded = guardedBackend(
      backendRunning(() => Promise.reject(OFFLINE)),
      1000,
    );
    const error = await guarded.run(operation).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).cause).toBe(OFFLINE);
  });

  it('leaves other failures as they are', async () => {
    const bug = new TypeError('bad argument');
    const guarded = guardedBackend(
      backendRunning(() => Promise.reject(bug)),
      1000,
    );
    await expect(guarded.run(operation)).rejects.toBe(bug);
  });
});
