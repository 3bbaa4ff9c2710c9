// Posting a message to a channel: the one thing alerts (deliveries, the pause
// notice, the test alert) ask of Discord's REST API, as a port they can be handed
// without the whole client, and the REST client that alerts are sent through.
import { REST, type RESTOptions } from '@discordjs/rest';
import { type RESTPostAPIChannelMessageJSONBody, Routes } from 'discord-api-types/v10';

/** Posts the message; rejects with what REST threw (see discordRefusal). */
export type PostMessage = (channelId: string, body: RESTPostAPIChannelMessageJSONBody) => Promise<void>;

/** The port over a REST client. */
export function postMessageVia(rest: Pick<REST, 'post'>): PostMessage {
  return async (channelId, body) => {
    await rest.post(Routes.channelMessages(channelId), { body });
  };
}

/** How long one alert request may take by default. */
export const DELIVERY_TIMEOUT_MS = 15_000;

export interface DeliveryRestOptions {
  /** Discord's API base (REST appends /v10). */
  api: string;
  token: string;
  /** How long one request may take before it is abandoned and retried later. */
  timeoutMs?: number;
  /** Longer rate-limit waits are not sat out inside REST but rescheduled in the outbox. */
  maxRateLimitWaitMs?: number;
  /** Where requests go: `budgetedRequests` (rest-budget.ts) draws them from the shared budget. */
  makeRequest?: RESTOptions['makeRequest'];
}

/**
 * The REST client for alerts. It waits out rate limits from Discord's headers;
 * everything else (5xx, network errors, long waits) it hands back at once, so the
 * delivery worker retries with backoff from the outbox, where the retry survives a
 * restart and never blocks other channels.
 */
export function createDeliveryRest({
  api,
  token,
  timeoutMs = DELIVERY_TIMEOUT_MS,
  maxRateLimitWaitMs = 30_000,
  makeRequest,
}: DeliveryRestOptions): REST {
  return new REST({
    api,
    ...(makeRequest && { makeRequest }),
    retries: 0,
    timeout: timeoutMs,
    rejectOnRateLimit: (limit) => limit.retryAfter > maxRateLimitWaitMs,
  }).setToken(token);
}
