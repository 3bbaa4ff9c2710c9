// A failed delivery as the delivery worker keeps one (failed-deliveries.ts), for tests.
import type { FailedDelivery } from '../../src/alerts/failed-deliveries.js';

/** A delivery to channel 1400000000000000001 refused once with `fields` as given. */
export function failedDelivery(fields: Partial<FailedDelivery> & Pick<FailedDelivery, 'deliveryId' | 'failedAt'>): FailedDelivery {
  return {
    attempts: 1,
    status: 400,
    reason: 'Invalid Form Body',
    delivery: {
      publicationId: 'feed:abc:guid:1',
      subscriptionId: 'sub1',
      guildId: '1200000000000000001',
      channelId: '1400000000000000001',
      body: { content: 'x' },
    },
    ...fields,
  };
}
