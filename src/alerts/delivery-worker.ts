// Sends queued alerts. Each delivery is claimed with a lease, posted with its fixed
// nonce, and completed only after Discord confirmed it; a crash before that lets the
// lease run out and the next worker sends it again, and the nonce makes Discord
// return the message it already posted instead of posting twice.
//
// The worker orchestrates: the REST client it posts through keeps Discord's budget
// (rest-budget.ts, shared by every process), discordRefusal reads Discord's
// answer, the retry policy decides what happens after a failure (retry with backoff,
// pause the channel and tell the moderators once, or stop trying). A delivery that is
// not sent and not paused is never lost without trace: it is kept as failed in the
// store with the reason (failed-deliveries.ts), and a refusal of the request itself
// (400: a bug of ours) is logged with the payload's shape, never its text.
import { payloadShape } from '../discord/payload-shape.js';
import type { PostMessage } from '../discord/post-message.js';
import { discordRefusal, type Refusal } from '../discord/refusal.js';
import type { Logger } from '../logging/logger.js';
import type { ClaimedItem, Store } from '../store/store.js';
import { type Delivery, OUTBOX } from './delivery.js';
import { parkFailedDelivery } from './failed-deliveries.js';
import { DEFAULT_RETRY_POLICY, nextStep, type RetryPolicy } from './retry-policy.js';
import type { PauseReason, Subscription, SubscriptionRepository } from './subscriptions.js';
import { createWakeSignal } from './wake-signal.js';

export type AlertLogger = Pick<Logger, 'info' | 'warn' | 'error'>;

export interface DeliveryWorkerOptions {
  store: Store;
  postMessage: PostMessage;
  subscriptions: SubscriptionRepository;
  logger: AlertLogger;
  /** Called once when Discord's refusal paused a subscription's channel. */
  onPaused: (subscription: Subscription, reason: PauseReason) => Promise<void> | void;
  /** Sends in flight at once. */
  concurrency?: number;
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

export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const { store, postMessage, subscriptions, logger } = options;
  const concurrency = options.concurrency ?? 4;
  const leaseMs = options.leaseMs ?? 60_000;
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const retry: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const signal = createWakeSignal();
  const inFlight = new Set<Promise<void>>();
  let running = false;
  let loop: Promise<void> | undefined;

  async function send(claim: ClaimedItem<Delivery>): Promise<void> {
    const { id: deliveryId, item, attempts: attempt } = claim;
    const subscription = await subscriptions.get(item.guildId, item.subscriptionId);
    if (!subscription || subscription.paused) {
      // Removed or paused since it was queued: nothing goes to that channel any more.
      logger.info({ deliveryId, attempt, status: 'skipped', paused: Boolean(subscription?.paused) }, 'alert not sent');
      await store.complete(OUTBOX, deliveryId);
      return;
    }
    try {
      await postMessage(item.channelId, item.body);
    } catch (error) {
      await handleFailure(claim, subscription, error);
      return;
    }
    logger.info({ deliveryId, attempt, status: 200 }, 'alert sent');
    await store.complete(OUTBOX, deliveryId);
  }

  async function handleFailure(claim: ClaimedItem<Delivery>, subscription: Subscription, error: unknown): Promise<void> {
    const { id: deliveryId, attempts: attempt } = claim;
    const refusal = discordRefusal(error);
    const next = nextStep({ refusal, attempt, policy: retry, now: Date.now() });
    // The message only: REST's errors carry the whole request body.
    const line = { deliveryId, attempt, status: refusal.status, error: error instanceof Error ? error.message : String(error) };
    switch (next.step) {
      case 'pause': {
        logger.warn({ ...line, reason: next.reason }, 'alert refused by Discord; pausing the channel');
        const paused = await subscriptions.pause(subscription.guildId, subscription.id, { reason: next.reason, code: next.code });
        await store.complete(OUTBOX, deliveryId);
        const first = paused.find((s) => s.id === subscription.id) ?? paused[0];
        if (first) await notify(first, next.reason);
        return;
      }
      case 'drop': {
        // Discord refused the request itself: sending it again cannot help, and the cause is ours.
        const code = 'code' in refusal ? refusal.code : undefined;
        logger.error({ ...line, code, shape: payloadShape(claim.item.body) }, 'alert refused by Discord; kept as failed');
        await park(claim, refusal, line.error);
        return;
      }
      case 'give-up':
        logger.error(line, `alert failed ${attempt} times; given up and kept as failed`);
        await park(claim, refusal, line.error);
        return;
      case 'retry':
        logger.warn({ ...line, retryAt: new Date(next.notBefore).toISOString() }, 'alert not sent; will retry');
        await store.release(OUTBOX, deliveryId, next.notBefore);
        return;
    }
  }

  /** Kept in the store before it leaves the outbox: a crash in between sends it once more, and it fails the same way. */
  async function park(claim: ClaimedItem<Delivery>, refusal: Refusal, reason: string): Promise<void> {
    await parkFailedDelivery(store, {
      deliveryId: claim.id,
      failedAt: new Date().toISOString(),
      attempts: claim.attempts,
      status: refusal.status,
      ...('code' in refusal ? { code: refusal.code } : {}),
      reason,
      delivery: claim.item,
    });
    await store.complete(OUTBOX, claim.id);
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
        signal.wake();
      });
    inFlight.add(task);
  }

  async function run(): Promise<void> {
    while (running) {
      signal.reset();
      const free = concurrency - inFlight.size;
      if (free > 0) {
        try {
          for (const claim of await store.claim<Delivery>(OUTBOX, leaseMs, free)) track(claim);
        } catch (error) {
          logger.error({ err: error }, 'could not claim alert deliveries');
        }
      }
      // With every slot busy, a finishing send wakes the loop; otherwise look again after a while.
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- stop() may have cleared it during the awaits above.
      if (running) await signal.sleep(inFlight.size >= concurrency ? pollIntervalMs * 10 : pollIntervalMs);
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    wake() {
      signal.wake();
    },
    async stop() {
      running = false;
      signal.wake();
      await loop;
      await Promise.all(inFlight);
    },
  };
}
