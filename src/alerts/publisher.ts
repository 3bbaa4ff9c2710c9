// Turns a publication into queued deliveries, one per subscribed channel. Everything
// is in the store before anything is sent: the outbox survives a crash, and the
// delivery worker sends from it. A publication id is published once, ever.
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { topicLabel, topicMatcherFor } from '../knowledge/topic-matcher.js';
import type { Store } from '../store/store.js';
import { alertMessage } from './alert-message.js';
import { type Delivery, deliveryId, OUTBOX } from './delivery.js';
import type { Publication } from './publication.js';
import type { SubscriptionRepository } from './subscriptions.js';

export const PUBLISHED = 'published';

export type PublishResult = { status: 'queued'; topics: string[]; deliveries: number } | { status: 'seen-before' };

export interface PublishOptions {
  /** Forget the publication after this long (a feed item past the seen-items horizon); default never. */
  forgetAfterMs?: number;
}

export interface Publisher {
  publish(publication: Publication, options?: PublishOptions): Promise<PublishResult>;
  /** Marks a publication as published without alerting (a data folder's baseline); true if it was new. */
  recordWithoutAlert(publicationId: string): Promise<boolean>;
}

export interface PublisherOptions {
  store: Store;
  subscriptions: SubscriptionRepository;
  kbProvider: () => KnowledgeBase;
  /** Called after deliveries were queued (wakes the worker). */
  onQueued?: () => void;
}

export function createPublisher({ store, subscriptions, kbProvider, onQueued }: PublisherOptions): Publisher {
  const published = store.namespace<{ at: string; baseline?: true }>(PUBLISHED);

  return {
    async publish(publication, options = {}) {
      if (await published.has(publication.id)) return { status: 'seen-before' };
      const kb = kbProvider();
      const topics = topicMatcherFor(kb).topicsOf(publication);
      const subscribers = await subscriptions.forTopics(topics);
      // Queued before the publication is marked: a crash in between re-queues on the next
      // try, and queueing is idempotent by delivery id, so nothing goes out twice.
      for (const subscription of subscribers) {
        const id = deliveryId(publication.id, subscription.id);
        const ordered = [subscription.topic, ...topics.filter((topic) => topic !== subscription.topic)];
        const topicNames = ordered.map((topic) => topicLabel(kb, topic, subscription.language));
        const delivery: Delivery = {
          publicationId: publication.id,
          subscriptionId: subscription.id,
          guildId: subscription.guildId,
          channelId: subscription.channelId,
          body: alertMessage({ publication, subscription, topicNames, deliveryId: id }),
        };
        await store.enqueue(OUTBOX, id, delivery);
      }
      const first = await store.setIfAbsent(PUBLISHED, publication.id, { at: new Date().toISOString() }, options.forgetAfterMs);
      if (subscribers.length > 0) onQueued?.();
      return first ? { status: 'queued', topics, deliveries: subscribers.length } : { status: 'seen-before' };
    },

    recordWithoutAlert(publicationId) {
      return store.setIfAbsent(PUBLISHED, publicationId, { at: new Date().toISOString(), baseline: true as const });
    },
  };
}
