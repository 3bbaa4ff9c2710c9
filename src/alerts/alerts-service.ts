// Topic alerts, wired: subscriptions, publishing (our articles on each knowledge
// reload, feed items from the poller) into the outbox, and the delivery worker
// sending from it. The composition root builds one and starts delivery.
import type { GuildLookups } from '../discord/discord-lookups.js';
import type { PostMessage } from '../discord/post-message.js';
import type { FeedStateStore, NewFeedItem } from '../feeds/feed-poller.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { Store } from '../store/store.js';
import { type ArticleReloadResult, createArticlePublications } from './article-publications.js';
import { type AlertLogger, createDeliveryWorker, type DeliveryWorkerOptions } from './delivery-worker.js';
import { createStoreFeedStateStore, publishFeedItems } from './feed-publications.js';
import { createPauseNotifier } from './pause-notice.js';
import type { Publication } from './publication.js';
import { createPublisher, type PublishResult } from './publisher.js';
import { createSubscriptionRepository, type SubscriptionRepository } from './subscriptions.js';

export interface AlertsServiceOptions {
  store: Store;
  /**
   * Posts alerts and the pause notice; preferably over createDeliveryRest (few retries
   * inside REST; the outbox retries) with the shared budget (rest-budget.ts), which paces them.
   */
  postMessage: PostMessage;
  /** Finds the channel for the pause notice. */
  lookups: GuildLookups;
  kbProvider: () => KnowledgeBase;
  logger: AlertLogger;
  /** The bot's application id, which is also its user id. */
  applicationId: string;
  /** How long seen feed items and their publications are remembered (default 400 days). */
  seenHorizonMs?: number;
  /** Worker tuning (see DeliveryWorkerOptions). */
  delivery?: Pick<DeliveryWorkerOptions, 'concurrency' | 'leaseMs' | 'pollIntervalMs' | 'retry'>;
}

export interface AlertsService {
  subscriptions: SubscriptionRepository;
  publish(publication: Publication): Promise<PublishResult>;
  /** Call after every successful knowledge-base (re)load: publishes new articles. */
  onKnowledgeReload(kb: KnowledgeBase): Promise<ArticleReloadResult>;
  /** For the feed poller: its durable state, and its `onNewItem`. */
  feedState: FeedStateStore;
  onFeedItem(newItem: NewFeedItem): Promise<void>;
  startDelivery(): void;
  /** Stops delivery after the sends in flight; the store stays open (the caller owns it). */
  stop(): Promise<void>;
}

export function createAlertsService(options: AlertsServiceOptions): AlertsService {
  const { store, postMessage, kbProvider, logger } = options;
  const subscriptions = createSubscriptionRepository(store);
  const worker = createDeliveryWorker({
    ...options.delivery,
    store,
    postMessage,
    subscriptions,
    logger,
    onPaused: createPauseNotifier({ postMessage, lookups: options.lookups, logger, botUserId: options.applicationId }),
  });
  const publisher = createPublisher({ store, subscriptions, kbProvider, onQueued: () => worker.wake() });
  const articles = createArticlePublications(store, publisher, { logger });
  return {
    subscriptions,
    publish: (publication) => publisher.publish(publication),
    onKnowledgeReload: (kb) => articles.onKnowledgeReload(kb),
    feedState: createStoreFeedStateStore(store, options.seenHorizonMs),
    onFeedItem: publishFeedItems(publisher, options.seenHorizonMs),
    startDelivery: () => worker.start(),
    stop: () => {
      articles.stop();
      return worker.stop();
    },
  };
}
