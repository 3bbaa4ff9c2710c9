// Redis backend: one node-redis client shared by every namespace. Operations are
// single commands or Lua scripts, so they hold across all bot processes using the
// same server and key prefix. Keys under prefix P (each operation module documents its own):
//   P:kv:NS::KEY            key-value entries (operations/entries.ts)
//   P:set:NS:KEY            sets (operations/sets.ts)
//   P:queue:NAME:{due,items,attempts,done}   queues (operations/queue.ts)
import { createClient } from '@keyv/redis';

import type { RedisClient, RedisContext, StoreBackend, StoreOperation } from '../backend.js';

const MAX_RECONNECT_DELAY_MS = 5000;

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

  async close(): Promise<void> {
    if (this.client.isOpen) await this.client.close();
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
