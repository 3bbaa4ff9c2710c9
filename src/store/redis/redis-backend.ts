// Redis backend: one node-redis client shared by every namespace. Operations are
// single commands or Lua scripts, so they hold across all bot processes using the
// same server and key prefix. Keys under prefix P (each operation module documents its own):
//   P:kv:NS::KEY            key-value entries (operations/entries.ts)
//   P:set:NS:KEY            sets (operations/sets.ts)
//   P:queue:NAME:{due,items,attempts,done}   queues (operations/queue.ts)
//   P:heartbeat             the health check's last write (operations/heartbeat.ts)
//   P:request-turns:{held,pause:SCOPE}       the shared REST budget (operations/request-turns.ts)
//   P:news:…                news items and their change log (operations/news.ts)
import { createClient } from '@keyv/redis';

import type { RedisClient, RedisContext, StoreBackend, StoreOperation } from '../backend.js';

const MAX_RECONNECT_DELAY_MS = 5000;
/** How long close() waits for replies still due before it drops the connection (a hung server sends none). */
const CLOSE_GRACE_MS = 1000;

/** node-redis's errors for a connection that is not there, or was lost (by class: their messages vary). */
const CONNECTION_ERRORS = new Set([
  'ConnectionTimeoutError',
  'SocketTimeoutError',
  'ClientClosedError',
  'ClientOfflineError',
  'DisconnectsClientError',
  'SocketClosedUnexpectedlyError',
  'ReconnectStrategyError',
  'TimeoutError',
]);
/** Server replies that mean "not now": loading, busy, out of memory, cannot persist, read-only replica, cluster down. */
const UNAVAILABLE_REPLY = /^(LOADING|BUSY|OOM|MISCONF|READONLY|MASTERDOWN|NOREPLICAS|TRYAGAIN|CLUSTERDOWN)\b/;

export interface RedisBackendOptions {
  keyPrefix: string;
  connectTimeoutMs: number;
  onBackgroundError: ((error: Error) => void) | undefined;
}

/** Connects first, so an unreachable server fails here rather than at the first operation. */
export async function openRedisBackend(url: string, options: RedisBackendOptions): Promise<StoreBackend> {
  let connected = false;
  const client: RedisClient = createClient({
    url,
    // Fail operations at once while disconnected instead of queueing them indefinitely.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: options.connectTimeoutMs,
      // Give up on a first connection that fails; after that, keep reconnecting.
      reconnectStrategy: (retries, cause) => (connected ? Math.min(50 * 2 ** retries, MAX_RECONNECT_DELAY_MS) : cause),
    },
  });
  client.on('error', (error: Error) => {
    if (connected) options.onBackgroundError?.(error);
  });
  await client.connect();
  connected = true;
  return new RedisBackend(client, options.keyPrefix);
}

class RedisBackend implements StoreBackend {
  readonly kind = 'redis';
  private readonly turns = new Map<string, Promise<unknown>>();
  private readonly context: RedisContext;

  constructor(
    private readonly client: RedisClient,
    prefix: string,
  ) {
    this.context = { client, prefix, inTurn: (turnKey, task) => this.inTurn(turnKey, task) };
  }

  async run<Result>(operation: StoreOperation<Result>): Promise<Result> {
    return operation.redis(this.context);
  }

  isUnavailable(error: unknown): boolean {
    if (!(error instanceof Error)) return false;
    if (CONNECTION_ERRORS.has(error.constructor.name) || UNAVAILABLE_REPLY.test(error.message)) return true;
    // Socket errors (ECONNREFUSED, ECONNRESET, EPIPE, ETIMEDOUT…).
    const code = (error as NodeJS.ErrnoException).code;
    return typeof code === 'string' && /^E[A-Z]+$/.test(code);
  }

  async close(): Promise<void> {
    if (!this.client.isOpen) return;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), CLOSE_GRACE_MS)));
    const closed = this.client.close().then(() => 'closed' as const);
    // After destroy() it may reject; that is expected then.
    closed.catch(() => undefined);
    try {
      if ((await Promise.race([closed, grace])) === 'timeout') this.client.destroy();
    } finally {
      clearTimeout(timer);
    }
  }

  private inTurn<T>(turnKey: string, task: () => Promise<T>): Promise<T> {
    const previous = this.turns.get(turnKey) ?? Promise.resolve();
    const run = previous.then(task);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.turns.set(turnKey, settled);
    void settled.then(() => {
      if (this.turns.get(turnKey) === settled) this.turns.delete(turnKey);
    });
    return run;
  }
}
