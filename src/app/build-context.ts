// Builds every long-lived dependency once, in the order they need each other:
// store, REST clients, the live knowledge base, topic alerts.
import { DefaultRestOptions, REST, type RESTOptions } from '@discordjs/rest';

import type { AlertsCommandDeps } from '../../commands/alerts/index.js';
import { createCommands } from '../../commands/index.js';
import { type AlertsService, createAlertsService } from '../alerts/alerts-service.js';
import type { SubscriptionRepository } from '../alerts/subscriptions.js';
import { type Config, storeOpening } from '../config/config.js';
import { createDiscordLookups } from '../discord/discord-lookups.js';
import { createDeliveryRest, DELIVERY_TIMEOUT_MS, postMessageVia } from '../discord/post-message.js';
import { budgetedRequests, type RequestPriority } from '../discord/rest-budget.js';
import { UserError } from '../interactions/user-error.js';
import { createLiveKnowledgeBase } from '../knowledge/live-knowledge-base.js';
import { formatProblem } from '../knowledge/load.js';
import type { Logger } from '../logging/logger.js';
import { preloadNews } from '../news/news-preload.js';
import { createNewsRematch, type NewsRematch } from '../news/news-rematch.js';
import { createNewsSync } from '../news/news-sync.js';
import { openStore } from '../store/open-store.js';
import { type DurabilityRisk, type Store, StoreUnavailableError } from '../store/store.js';
import type { AppContext } from './context.js';
import { LEASE_HOLDER } from './lease-holder.js';

/** How often a store that cannot give REST turns is logged while requests wait for it. */
const BUDGET_WARNING_INTERVAL_MS = 10_000;

/**
 * Where a REST client of this process sends: through the REST budget every process
 * on the store shares (rest-budget.ts). Every client with the bot token is built with one.
 */
export function budgetedMakeRequest(
  store: Store,
  logger: Pick<Logger, 'warn'>,
  priority: RequestPriority,
  timeoutMs: number,
): RESTOptions['makeRequest'] {
  let warnedAt = -Infinity;
  return budgetedRequests({
    store,
    priority,
    timeoutMs,
    onStoreUnavailable: (error) => {
      if (Date.now() - warnedAt < BUDGET_WARNING_INTERVAL_MS) return;
      warnedAt = Date.now();
      logger.warn({ err: error }, 'the store cannot give out Discord request turns; requests wait until it can');
    },
  });
}

/** The REST client for commands, replies, lookups and registration: interactive, ahead of alert sends. */
export function discordRest(config: Config, store: Store, logger: Pick<Logger, 'warn'>): REST {
  return new REST({
    api: config.apiUrl,
    makeRequest: budgetedMakeRequest(store, logger, 'interactive', DefaultRestOptions.timeout),
  }).setToken(config.discordToken);
}

/**
 * The subscriptions as /alerts sees them: when the store cannot serve (no answer in
 * time, no connection, cannot write), the moderator is told it is temporarily
 * unavailable, in their language and in time, instead of a generic error.
 */
export function subscriptionsForCommands(subscriptions: SubscriptionRepository, logger: Pick<Logger, 'warn'>): SubscriptionRepository {
  const guard = async <R>(run: () => Promise<R>): Promise<R> => {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      logger.warn({ err: error }, 'the store is unavailable; /alerts answered "temporarily unavailable"');
      throw new UserError('error.storeUnavailable');
    }
  };
  return {
    add: (subscription) => guard(() => subscriptions.add(subscription)),
    remove: (guildId, id) => guard(() => subscriptions.remove(guildId, id)),
    list: (guildId) => guard(() => subscriptions.list(guildId)),
    get: (guildId, id) => guard(() => subscriptions.get(guildId, id)),
    forTopics: (topics) => guard(() => subscriptions.forTopics(topics)),
    pause: (guildId, id, pause) => guard(() => subscriptions.pause(guildId, id, pause)),
    resume: (guildId, id) => guard(() => subscriptions.resume(guildId, id)),
  };
}

/** What /alerts acts through: lookups and test alerts over the bot's REST client. */
export function alertsCommandDeps(rest: REST, subscriptions: SubscriptionRepository, botUserId: string): AlertsCommandDeps {
  return {
    subscriptions,
    botUserId,
    lookups: createDiscordLookups(rest),
    postMessage: postMessageVia(rest),
  };
}

/** What the log says when the store's server would lose or drop the bot's state (README, "Scaling out"). */
const DURABILITY_WARNINGS: Record<DurabilityRisk, string> = {
  'not-persisted':
    'Redis keeps the bot state in memory only (appendonly no, save ""): a Redis restart loses subscriptions, the outbox and the REST budget; set appendonly yes',
  'snapshots-only':
    'Redis persists the bot state by snapshots only (appendonly no): a Redis crash loses what was written since the last one; set appendonly yes',
  'evicts-keys':
    'Redis may evict keys when memory runs out (maxmemory-policy is not noeviction): it may drop the bot state; set maxmemory-policy noeviction',
};

/** Logs a warning for each way the store's server says it would lose or drop state; a store that cannot tell is not held against it. */
async function warnAboutDurability(store: Store, logger: Pick<Logger, 'warn'>): Promise<void> {
  try {
    for (const risk of await store.durabilityRisks()) logger.warn({ risk }, DURABILITY_WARNINGS[risk]);
  } catch (error) {
    logger.warn({ err: error }, 'could not ask the store how it keeps state');
  }
}

export async function openConfiguredStore(config: Config, logger: Logger): Promise<Store> {
  const { target, ...options } = storeOpening(config);
  const store = await openStore(target, { ...options, onBackgroundError: (error) => logger.error({ err: error }, 'store connection problem') });
  await warnAboutDurability(store, logger);
  return store;
}

export async function buildContext(config: Config, logger: Logger): Promise<AppContext> {
  const store = await openConfiguredStore(config, logger);
  // The store's news are read in a worker meanwhile: the data folder loads on this thread.
  const preload = preloadNews(storeOpening(config));
  try {
    const rest = discordRest(config, store, logger);
    // Alerts get their own REST client: few retries inside it, the outbox retries with backoff; they give way to commands.
    const deliveryRest = createDeliveryRest({
      api: config.apiUrl,
      token: config.discordToken,
      makeRequest: budgetedMakeRequest(store, logger, 'background', DELIVERY_TIMEOUT_MS),
    });
    // Set once the first load succeeded; reloads before that publish nothing.
    let alerts: AlertsService | undefined = undefined;
    let rematch: NewsRematch | undefined = undefined;
    const knowledge = createLiveKnowledgeBase({
      dir: config.dataDir,
      onProblems: (problems) => logger.error({ problems: problems.map(formatProblem) }, 'data folder has problems; still serving the last good data'),
      onFolderChanged: (resolvedDir) =>
        logger.info({ dataDir: config.dataDir, resolvedDir: resolvedDir ?? null }, 'data folder (or a folder in it) replaced; watching the new one'),
      onReload: (kb) => {
        logger.info({ articles: kb.articles.length }, 'knowledge base loaded');
        // New articles become alerts; the first start over a folder only records what is there.
        void alerts?.onKnowledgeReload(kb).catch((error: unknown) => logger.error({ err: error }, 'publishing new articles failed'));
        // Stored news names what the new data names (in the background; it never rejects).
        void rematch?.run(kb);
      },
    });
    const first = await knowledge.reload();
    if (!first.ok) throw new Error(`the data folder ${config.dataDir} has problems (see above); fix them and start again`);
    alerts = createAlertsService({
      store,
      postMessage: postMessageVia(deliveryRest),
      lookups: createDiscordLookups(deliveryRest),
      kbProvider: () => knowledge.current(),
      logger,
      applicationId: config.applicationId,
      delivery: { leaseMs: config.alerts.deliveryLeaseSeconds * 1000 },
      seenHorizonMs: config.feeds.seenHorizonDays * 24 * 60 * 60 * 1000,
    });
    await alerts.onKnowledgeReload(knowledge.current());
    // Ready to answer means answering news too: the first read of the store's news comes before.
    const news = createNewsSync(store, logger);
    const preloaded = await preload?.result;
    if (preloaded?.ok === false) logger.warn({ reason: preloaded.error }, 'news could not be read ahead; reading them now');
    if (preloaded?.ok) news.adopt(preloaded.news);
    await news.refresh();
    rematch = createNewsRematch({
      store,
      news,
      log: logger,
      holder: LEASE_HOLDER,
      current: () => knowledge.current(),
    });
    // The data may have changed while the bot was down: checked in the background, answers do not wait.
    void rematch.run(knowledge.current());
    const commands = createCommands({
      alerts: alertsCommandDeps(rest, subscriptionsForCommands(alerts.subscriptions, logger), config.applicationId),
    });
    return { config, logger, knowledge, store, rest, commands, alerts, news };
  } catch (error) {
    preload?.stop();
    await store.close().catch(() => undefined);
    throw error;
  }
}
