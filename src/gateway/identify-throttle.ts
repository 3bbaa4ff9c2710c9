// Discord lets a bot IDENTIFY `max_concurrency` shards per 5 seconds, in buckets
// `shard_id % max_concurrency`, counted across all of its processes and machines.
// discord.js's own throttler counts within one process; this one takes each bucket's
// turn as a lease in the shared store (Redis across machines, the SQLite file across
// processes on one), so processes that start together, or a restarted one, wait their turn.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import type { ClientOptions } from 'discord.js';

/** What the throttle needs of the store: a lease nobody else can take while it runs. */
export interface IdentifySlots {
  acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean>;
}

type BuildIdentifyThrottler = NonNullable<NonNullable<ClientOptions['ws']>['buildIdentifyThrottler']>;
export type IdentifyThrottler = Awaited<ReturnType<BuildIdentifyThrottler>>;

export interface IdentifyThrottleOptions {
  /** Discord's window is 5 s; a little more covers the time from taking the turn to the IDENTIFY arriving. */
  windowMs?: number;
  /** How long to wait before asking again while the bucket is taken. */
  retryMs?: number;
  /** A store failure while waiting; the turn is asked for again. */
  onError?: (error: unknown) => void;
}

const DEFAULT_WINDOW_MS = 5500;
const DEFAULT_RETRY_MS = 250;

/** A throttler that lets one IDENTIFY per bucket and window through, across every process sharing `slots`. */
export function sharedIdentifyThrottler(slots: IdentifySlots, maxConcurrency: number, options: IdentifyThrottleOptions = {}): IdentifyThrottler {
  const { windowMs = DEFAULT_WINDOW_MS, retryMs = DEFAULT_RETRY_MS } = options;
  return {
    async waitForIdentify(shardId, signal) {
      const bucket = `identify:${shardId % Math.max(1, maxConcurrency)}`;
      // A new holder for each turn: the lease is never renewed, it just runs out after the window.
      const turn = randomUUID();
      for (;;) {
        signal.throwIfAborted();
        try {
          if (await slots.acquireLease(bucket, turn, windowMs)) return;
        } catch (error) {
          options.onError?.(error);
        }
        // Some jitter, so processes waiting for one bucket do not ask in lockstep.
        await sleep(retryMs + Math.floor(Math.random() * retryMs), undefined, { signal });
      }
    },
  };
}

/** discord.js's `ws.buildIdentifyThrottler`: max_concurrency from GET /gateway/bot, the turns from `slots`. */
export function buildSharedIdentifyThrottler(slots: IdentifySlots, options: IdentifyThrottleOptions = {}): BuildIdentifyThrottler {
  return async (manager) => {
    const info = await manager.fetchGatewayInformation();
    return sharedIdentifyThrottler(slots, info.session_start_limit.max_concurrency, options);
  };
}
