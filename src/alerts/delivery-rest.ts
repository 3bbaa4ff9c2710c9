// The REST client alerts are sent through. @discordjs/rest waits out rate limits
// from Discord's headers; everything else (5xx, network errors, long waits) it
// hands back at once, so the delivery worker retries with backoff from the outbox,
// where the retry survives a restart and never blocks other channels.
import { REST } from '@discordjs/rest';

export interface DeliveryRestOptions {
  /** Discord's API base (REST appends /v10). */
  api: string;
  token: string;
  /** How long one request may take before it is abandoned and retried later. */
  timeoutMs?: number;
  /** Longer rate-limit waits are not sat out inside REST but rescheduled in the outbox. */
  maxRateLimitWaitMs?: number;
}

export function createDeliveryRest({ api, token, timeoutMs = 15_000, maxRateLimitWaitMs = 30_000 }: DeliveryRestOptions): REST {
  return new REST({
    api,
    retries: 0,
    timeout: timeoutMs,
    rejectOnRateLimit: (limit) => limit.retryAfter > maxRateLimitWaitMs,
  }).setToken(token);
}
