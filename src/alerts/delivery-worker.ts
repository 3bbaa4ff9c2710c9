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

import type { Logger } from '../logging/logger.js';
import type { ClaimedItem, Store } from '../store/store.js';
import { backoffDelay } from '../util/backoff.js';
import { type Delivery, OUTBOX } from './delivery.js';
import { pauseReason } from './pause-reasons.js';
import type { PauseReason, Subscription, SubscriptionRepository } from './subscriptions.js';

export type AlertLogger = Pick<Logger, 'info' | 'warn' | 'error'>;

export interface RetryPolicy {
  /** Nominal delay before the second attempt (a random 50–100 % of it is waited); doubles with each further one. */
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
  onPaused: (subscription: Subscription, reason: PauseReason) => Promise<void> | void;
  /** Sends in flight at once. */
  concurrency?: number;
  /**
   * Sends Discord may count in any one second. Discord counts a request when it arrives,
   * which the worker only knows lies between the send's start and its answer; so a send
   * holds its place from its start until 1 s after its answer, and no second of arrivals,
   * however latency shifted or bunched them, holds more than this many.
   */
  sendsPerSecond?: number;
  /** Longer than a send can take, rate-limit waits included; an expired lease is sent again. */
  leaseMs?: number;
  /** How often to look for due deliveries when nothing woke the worker. */
  pollIntervalMs?: number;
  retry?: Partial<RetryPolicy>;
}

export interface DeliveryWorker {
  start(): void;
  /** Look for work now (new deliveries were queued). */
  wake(): void;
  /** Stops claiming and resolves when the sends in flight have finished. */
  stop(): Promise<void>;
}

/** Under Discord's global 50/s, with one a second left for the bot's other requests. */
const DEFAULT_SENDS_PER_SECOND = 49;
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

interface Pacer {
  /** Waits for a send's turn (turns are taken in order); call the result once the send was answered or failed. */
  turn(): Promise<() => void>;
}

/**
 * At most `perSecond` sends in flight or answered within the last second. Discord counted
 * each of them at some moment between its start and its answer, so any one second of
 * Discord's (fixed or sliding, wherever its window starts) holds at most `perSecond` of
 * them, and a stall that bunches arrivals only delays the next turns.
 */
function createPacer(perSecond: number): Pacer {
  let inFlight = 0;
  /** When the sends of the last second were answered, oldest first. */
  const answeredAt: number[] = [];
  let gate: Promise<unknown> = Promise.resolve();
  let onAnswer: (() => void) | undefined;

  function nextChange(): Promise<void> {
    return new Promise((resolve) => {
      // With every place taken by sends in flight, the next answer frees one; otherwise the oldest answer ages out.
      const oldest = answeredAt[0];
      const timer = oldest === undefined ? undefined : setTimeout(done, oldest + 1000 - performance.now());
      function done(): void {
        clearTimeout(timer);
        onAnswer = undefined;
        resolve();
      }
      onAnswer = done;
    });
  }

  async function take(): Promise<() => void> {
    for (;;) {
      const now = performance.now();
      while (answeredAt.length > 0 && answeredAt[0]! + 1000 <= now) answeredAt.shift();
      if (inFlight + answeredAt.length < perSecond) break;
      await nextChange();
    }
    inFlight += 1;
    return () => {
      inFlight -= 1;
      answeredAt.push(performance.now());
      onAnswer?.();
    };
  }

  return {
    turn() {
      const turn = gate.then(take);
      gate = turn;
      return turn;
    },
  };
}

export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const { store, rest, subscriptions, logger } = options;
  const concurrency = options.concurrency ?? 4;
  const leaseMs = options.leaseMs ?? 60_000;
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const sendsPerSecond = options.sendsPerSecond ?? DEFAULT_SENDS_PER_SECOND;
  const pacer = createPacer(sendsPerSecond);
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

  async function send(claim: ClaimedItem<Delivery>): Promise<void> {
    const { id: deliveryId, item, attempts: attempt } = claim;
    const subscription = await subscriptions.get(item.guildId, item.subscriptionId);
    if (!subscription || subscription.paused) {
      // Removed or paused since it was queued: nothing goes to that channel any more.
      logger.info({ deliveryId, attempt, status: 'skipped', paused: Boolean(subscription?.paused) }, 'alert not sent');
      await store.complete(OUTBOX, deliveryId);
      return;
    }
    const answered = await pacer.turn();
    try {
      await rest.post(Routes.channelMessages(item.channelId), { body: item.body });
    } catch (error) {
      answered();
      await handleFailure(claim, subscription, error);
      return;
    }
    answered();
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
      const notBefore = Math.max(outcome.notBefore ?? 0, Date.now() + backoffDelay({ failures: attempt, baseMs: retry.baseMs, maxMs: retry.maxMs }));
      logger.warn({ ...line, retryAt: new Date(notBefore).toISOString() }, 'alert not sent; will retry');
      await store.release(OUTBOX, deliveryId, notBefore);
    }
  }

  async function notify(subscription: Subscription, reason: PauseReason): Promise<void> {
    try {
      await options.onPaused(subscription, reason);
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
