// Sends queued alerts. Each delivery is claimed with a lease, posted with its fixed
// nonce, and completed only after Discord confirmed it; a crash before that lets the
// lease run out and the next worker sends it again, and the nonce makes Discord
// return the message it already posted instead of posting twice.
//
// Failures: 5xx, network errors and rate limits REST gave back are retried with
// exponential backoff; 403 (50001, 50013) and 404 (10003) pause the channel's
// subscriptions (no retries, so no storm of invalid requests) and tell the
// moderators once; any other refusal drops the delivery with an error log.
import { DiscordAPIError, RateLimitError, type REST } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import { backoffDelay } from '../feeds/backoff.js';
import type { Logger } from '../logging/logger.js';
import type { ClaimedItem, Store } from '../store/store.js';
import { OUTBOX, type Delivery } from './delivery.js';
import { pauseReason } from './pause-reasons.js';
import type { PauseReason, Subscription, SubscriptionRepository } from './subscriptions.js';

export type AlertLogger = Pick<Logger, 'info' | 'warn' | 'error'>;

export interface RetryPolicy {
  /** Delay before the second attempt; doubles with each further one. */
  baseMs: number;
  maxMs: number;
  /** Attempts (claims) after which a delivery is given up. */
  maxAttempts: number;
}

export interface DeliveryWorkerOptions {
  store: Store;
  rest: REST;
  subscriptions: SubscriptionRepository;
  logger: AlertLogger;
  /** Called once when Discord's refusal paused a subscription's channel. */
  onPaused?: (subscription: Subscription, reason: PauseReason) => Promise<void> | void;
  /** Sends in flight at once. */
  concurrency?: number;
  /**
   * Sends started in any one second. Discord allows a bot 50 requests/s in all; REST
   * counts them in its own 1 s windows, which do not line up with Discord's, so
   * sending at exactly 50/s through REST alone earns 429s.
   */
  sendsPerSecond?: number;
  /** Longer than a send can take, rate-limit waits included; an expired lease is sent again. */
  leaseMs?: number;
  /** How often to look for due deliveries when nothing woke the worker. */
  pollIntervalMs?: number;
  retry?: Partial<RetryPolicy>;
  random?: () => number;
}

export interface DeliveryWorker {
  start(): void;
  /** Look for work now (new deliveries were queued). */
  wake(): void;
  /** Stops claiming and resolves when the sends in flight have finished. */
  stop(): Promise<void>;
}

/** Under Discord's global 50/s, with room for the bot's other requests and for jitter in arrival times. */
const DEFAULT_SENDS_PER_SECOND = 48;
const DEFAULT_RETRY: RetryPolicy = { baseMs: 5_000, maxMs: 15 * 60_000, maxAttempts: 12 };

type Outcome =
  | { kind: 'pause'; status: number; reason: PauseReason; code: number }
  | { kind: 'retry'; status: number | 'error'; notBefore?: number }
  | { kind: 'drop'; status: number };

function classify(error: unknown): Outcome {
  if (error instanceof RateLimitError) return { kind: 'retry', status: 429, notBefore: Date.now() + error.retryAfter };
  if (error instanceof DiscordAPIError) {
    const reason = pauseReason(error);
    if (reason && (error.status === 403 || error.status === 404)) {
      return { kind: 'pause', status: error.status, reason, code: error.code as number };
    }
    // 401 is a bad token (the operator's to fix), 429 a limit REST did not wait out: both pass.
    if (error.status === 401 || error.status === 429 || error.status >= 500) return { kind: 'retry', status: error.status };
    return { kind: 'drop', status: error.status };
  }
  // HTTPError (5xx after REST's own retries), timeouts and network errors.
  const status = (error as { status?: unknown }).status;
  return { kind: 'retry', status: typeof status === 'number' ? status : 'error' };
}

export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const { store, rest, subscriptions, logger } = options;
  const concurrency = options.concurrency ?? 4;
  const leaseMs = options.leaseMs ?? 60_000;
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const sendsPerSecond = options.sendsPerSecond ?? DEFAULT_SENDS_PER_SECOND;
  /** Start times of the last `sendsPerSecond` sends, oldest first. */
  const recentStarts: number[] = [];
  let gate: Promise<void> = Promise.resolve();
  const inFlight = new Set<Promise<void>>();
  let running = false;
  let loop: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;
  // Set by wake(); an idle() that starts after a wake returns at once, so no wake is lost.
  let woken = false;

  const wake = (): void => {
    woken = true;
    wakeUp?.();
  };

  function idle(ms: number): Promise<void> {
    if (woken) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });
  }

  /**
   * Waits for this send's turn: no second (sliding, so whatever window Discord or REST
   * counts in) holds more than `sendsPerSecond` starts. Turns are taken in order.
   */
  function paced(): Promise<void> {
    const turn = gate.then(async () => {
      if (recentStarts.length >= sendsPerSecond) {
        const wait = recentStarts[0]! + 1000 - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        recentStarts.shift();
      }
      recentStarts.push(performance.now());
    });
    gate = turn;
    return turn;
  }

  async function send(claim: ClaimedItem<Delivery>): Promise<void> {
    const { id: deliveryId, item, attempts: attempt } = claim;
    const subscription = await subscriptions.get(item.guildId, item.subscriptionId);
    if (!subscription || subscription.paused) {
      // Removed or paused since it was queued: nothing goes to that channel any more.
      logger.info({ deliveryId, attempt, status: 'skipped', paused: Boolean(subscription?.paused) }, 'alert not sent');
      await store.complete(OUTBOX, deliveryId);
      return;
    }
    await paced();
    try {
      await rest.post(Routes.channelMessages(item.channelId), { body: item.body });
    } catch (error) {
      await handleFailure(claim, subscription, error);
      return;
    }
    logger.info({ deliveryId, attempt, status: 200 }, 'alert sent');
    await store.complete(OUTBOX, deliveryId);
  }

  async function handleFailure(claim: ClaimedItem<Delivery>, subscription: Subscription, error: unknown): Promise<void> {
    const { id: deliveryId, attempts: attempt } = claim;
    const outcome = classify(error);
    // The message only: REST's errors carry the whole request body.
    const line = { deliveryId, attempt, status: outcome.status, error: error instanceof Error ? error.message : String(error) };
    if (outcome.kind === 'pause') {
      logger.warn({ ...line, reason: outcome.reason }, 'alert refused by Discord; pausing the channel');
      const paused = await subscriptions.pause(subscription.guildId, subscription.id, { reason: outcome.reason, code: outcome.code });
      await store.complete(OUTBOX, deliveryId);
      const first = paused.find((s) => s.id === subscription.id) ?? paused[0];
      if (first) await notify(first, outcome.reason);
    } else if (outcome.kind === 'drop') {
      logger.error(line, 'alert refused by Discord; dropped');
      await store.complete(OUTBOX, deliveryId);
    } else if (attempt >= retry.maxAttempts) {
      logger.error(line, `alert failed ${attempt} times; given up`);
      await store.complete(OUTBOX, deliveryId);
    } else {
      const notBefore = Math.max(
        outcome.notBefore ?? 0,
        Date.now() + backoffDelay(attempt, { baseMs: retry.baseMs / 2, maxMs: retry.maxMs, random: options.random }),
      );
      logger.warn({ ...line, retryAt: new Date(notBefore).toISOString() }, 'alert not sent; will retry');
      await store.release(OUTBOX, deliveryId, notBefore);
    }
  }

  async function notify(subscription: Subscription, reason: PauseReason): Promise<void> {
    try {
      await options.onPaused?.(subscription, reason);
    } catch (error) {
      logger.warn({ err: error, subscriptionId: subscription.id }, 'could not tell the moderators about a paused alert');
    }
  }

  function track(claim: ClaimedItem<Delivery>): void {
    const task = send(claim)
      .catch((error: unknown) => {
        // A store failure here leaves the lease to expire: the delivery is retried then, with its nonce.
        logger.error({ err: error, deliveryId: claim.id, attempt: claim.attempts }, 'alert delivery bookkeeping failed');
      })
      .finally(() => {
        inFlight.delete(task);
        wake();
      });
    inFlight.add(task);
  }

  async function run(): Promise<void> {
    while (running) {
      woken = false;
      const free = concurrency - inFlight.size;
      if (free > 0) {
        try {
          for (const claim of await store.claim<Delivery>(OUTBOX, leaseMs, free)) track(claim);
        } catch (error) {
          logger.error({ err: error }, 'could not claim alert deliveries');
        }
      }
      // With every slot busy, a finishing send wakes the loop; otherwise look again after a while.
      if (running) await idle(inFlight.size >= concurrency ? pollIntervalMs * 10 : pollIntervalMs);
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    wake,
    async stop() {
      running = false;
      wake();
      await loop;
      await Promise.all(inFlight);
    },
  };
}
