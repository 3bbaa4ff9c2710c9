// One alert on its way to one channel: what the outbox queue holds. The message
// body is rendered when the delivery is queued, so every retry sends exactly the
// same bytes (and the same nonce) however the data changes meanwhile.
import type { RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';

export const OUTBOX = 'alert-outbox';

export interface Delivery {
  publicationId: string;
  subscriptionId: string;
  guildId: string;
  channelId: string;
  body: RESTPostAPIChannelMessageJSONBody;
}

/** Idempotent per (publication, subscription): queueing it twice queues it once. */
export function deliveryId(publicationId: string, subscriptionId: string): string {
  return `${publicationId}|${subscriptionId}`;
}
