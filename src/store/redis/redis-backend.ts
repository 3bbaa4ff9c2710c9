// Redis backend: one node-redis client shared by every namespace, each namespace with
// its own KeyvRedis adapter. Atomic operations are single commands or Lua scripts
// (lua-scripts.ts), so they hold across all bot processes using the same server and
// key prefix. Key layout under prefix P:
//   P:kv:NS::KEY            key-value entries (the KeyvRedis layout)
//   P:set:NS:KEY            sets
//   P:queue:NAME:{due,items,attempts,done}   queues
import { setTimeout as sleep } from 'node:timers/promises';

import KeyvRedis, { createClient } from '@keyv/redis';

import type { EntryWrite, RawClaim, StoreBackend } from '../backend.js';
import { StoreConflictError } from '../store.js';
import { CLAIM, COMPARE_AND_SET, COMPLETE, ENQUEUE, RELEASE } from './lua-scripts.js';

const KEYV_SEPARATOR = '::';
/** Local updates of one key take turns, so only other processes can make a CAS fail. */
const MAX_UPDATE_ATTEMPTS = 50;
const MAX_RECONNECT_DELAY_MS = 5000;

export interface RedisBackendOptions {
  keyPrefix: string;
  connectTimeoutMs: number;
  onBackgroundError: ((error: Error) => void) | undefined;
}

type RedisClient = ReturnType<typeof createClient>;

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

function queueKeys(prefix: string, queue: string) {
  const base = `${prefix}:queue:${queue}`;
  return { due: `${base}:due`, items: `${base}:items`, attempts: `${base}:attempts`, done: `${base}:done` };
}

/** Exponential backoff with full jitter, so contending writers spread out. */
function backoffMs(attempt: number): number {
  return Math.random() * Math.min(100, 2 ** attempt);
}

class RedisBackend implements StoreBackend {
  readonly kind = 'redis';
  private readonly turns = new Map<string, Promise<void>>();

  constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
  ) {}

  keyvBinding(ns: string) {
    const keyvNamespace = this.kvNamespace(ns);
    // Each adapter adds one listener per client event; allowing for exactly those keeps Node's leak warning meaningful.
    this.client.setMaxListeners(this.client.getMaxListeners() + 1);
    const adapter = new KeyvRedis(this.client, {
      namespace: keyvNamespace,
      keyPrefixSeparator: KEYV_SEPARATOR,
      throwOnErrors: true,
      throwOnConnectError: true,
    });
    return { adapter, keyvNamespace };
  }

  async setIfAbsent(ns: string, key: string, raw: string, ttlMs: number | undefined): Promise<boolean> {
    const reply = await this.client.set(
      this.kvKey(ns, key),
      raw,
      ttlMs === undefined ? { condition: 'NX' } : { condition: 'NX', expiration: { type: 'PX', value: ttlMs } },
    );
    return reply !== null;
  }

  async update(ns: string, key: string, step: (current: string | undefined) => EntryWrite): Promise<void> {
    const redisKey = this.kvKey(ns, key);
    await this.inTurn(redisKey, async () => {
      let current = (await this.client.get(redisKey)) ?? undefined;
      for (let attempt = 1; ; attempt++) {
        const write = step(current);
        const reply = (await this.client.eval(COMPARE_AND_SET, {
          keys: [redisKey],
          arguments: [
            current === undefined ? '0' : '1',
            current ?? '',
            write === null ? '0' : '1',
            write?.raw ?? '',
            write?.ttlMs === undefined ? '' : String(write.ttlMs),
          ],
        })) as [number, string | null | undefined];
        if (reply[0] === 1) return;
        if (attempt >= MAX_UPDATE_ATTEMPTS) throw new StoreConflictError(ns, key, attempt);
        current = reply[1] ?? undefined;
        await sleep(backoffMs(attempt));
      }
    });
  }

  async addToSet(ns: string, key: string, member: string): Promise<boolean> {
    return (await this.client.sAdd(this.setKey(ns, key), member)) === 1;
  }

  async removeFromSet(ns: string, key: string, member: string): Promise<boolean> {
    return (await this.client.sRem(this.setKey(ns, key), member)) === 1;
  }

  async setMembers(ns: string, key: string): Promise<string[]> {
    return this.client.sMembers(this.setKey(ns, key));
  }

  async enqueue(queue: string, id: string, item: string, dueAt: number): Promise<boolean> {
    const keys = queueKeys(this.prefix, queue);
    const reply = await this.client.eval(ENQUEUE, {
      keys: [keys.items, keys.due, keys.done],
      arguments: [id, item, String(dueAt)],
    });
    return reply === 1;
  }

  async claim(queue: string, now: number, leaseUntil: number, limit: number): Promise<RawClaim[]> {
    const keys = queueKeys(this.prefix, queue);
    const flat = (await this.client.eval(CLAIM, {
      keys: [keys.due, keys.items, keys.attempts],
      arguments: [String(now), String(leaseUntil), String(limit)],
    })) as Array<string | number>;
    const claims: RawClaim[] = [];
    for (let i = 0; i < flat.length; i += 3) {
      claims.push({ id: String(flat[i]), item: String(flat[i + 1]), attempts: Number(flat[i + 2]) });
    }
    return claims;
  }

  async complete(queue: string, id: string, now: number, forgetBefore: number): Promise<boolean> {
    const keys = queueKeys(this.prefix, queue);
    const reply = await this.client.eval(COMPLETE, {
      keys: [keys.due, keys.items, keys.attempts, keys.done],
      arguments: [id, String(now), String(forgetBefore)],
    });
    return reply === 1;
  }

  async release(queue: string, id: string, dueAt: number): Promise<boolean> {
    const reply = await this.client.eval(RELEASE, {
      keys: [queueKeys(this.prefix, queue).due],
      arguments: [id, String(dueAt)],
    });
    return reply === 1;
  }

  async pending(queue: string): Promise<number> {
    return this.client.zCard(queueKeys(this.prefix, queue).due);
  }

  async ping(): Promise<void> {
    await this.client.ping();
  }

  async close(): Promise<void> {
    if (this.client.isOpen) await this.client.close();
  }

  private kvNamespace(ns: string): string {
    return `${this.prefix}:kv:${ns}`;
  }

  /** The key KeyvRedis uses for `key` of namespace `ns`, so atomic operations share its entries. */
  private kvKey(ns: string, key: string): string {
    return `${this.kvNamespace(ns)}${KEYV_SEPARATOR}${key}`;
  }

  private setKey(ns: string, key: string): string {
    return `${this.prefix}:set:${ns}:${key}`;
  }

  /** Runs `task` after every earlier local task for the same key has settled. */
  private async inTurn(key: string, task: () => Promise<void>): Promise<void> {
    const previous = this.turns.get(key) ?? Promise.resolve();
    const run = previous.then(task);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.turns.set(key, settled);
    void settled.then(() => {
      if (this.turns.get(key) === settled) this.turns.delete(key);
    });
    return run;
  }
}
