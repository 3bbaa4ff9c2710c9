// The composition root: `npm start`. Reads the config once, builds every
// dependency once, hands them down, and owns start-up and shutdown.
import cluster from 'node:cluster';
import { REST } from '@discordjs/rest';
import { alertsCommandServices } from '../commands/alerts.js';
import { commands } from '../commands/index.js';
import { createAlertsService, type AlertsService } from './alerts/alerts-service.js';
import { createDeliveryRest } from './alerts/delivery-rest.js';
import type { AppContext } from './app/context.js';
import { feedList } from './app/feed-list.js';
import { ConfigError, loadConfig, type Config } from './config/config.js';
import { syncCommands } from './discord/command-sync.js';
import { describeStartupError } from './app/startup-errors.js';
import { createFeedPoller } from './feeds/feed-poller.js';
import { createGatewayBot } from './gateway/gateway-bot.js';
import { startHttpWorkers, type Stoppable } from './http/cluster.js';
import { startInteractionsServer } from './http/interactions-server.js';
import { ephemeralDeferral } from './interactions/ephemeral-deferral.js';
import { respond } from './interactions/respond.js';
import type { RespondFn } from './interactions/answer-in-time.js';
import { createLiveKnowledgeBase } from './knowledge/live-knowledge-base.js';
import { formatProblem } from './knowledge/load.js';
import { createLogger, type Logger } from './logging/logger.js';
import { openStore } from './store/open-store.js';

type Stop = () => Promise<void>;

const USER_AGENT = 'Lagebild (self-hosted Discord bot; feed reader)';

async function buildContext(config: Config, logger: Logger): Promise<AppContext> {
  const store = await openStore(config.store, {
    onBackgroundError: (error) => logger.error({ err: error }, 'store connection problem'),
  });
  try {
    const rest = new REST({ api: config.apiUrl }).setToken(config.discordToken);
    // Alerts get their own REST client: few retries inside it, the outbox retries with backoff.
    const deliveryRest = createDeliveryRest({ api: config.apiUrl, token: config.discordToken });
    let alerts: AlertsService | undefined;
    const knowledge = createLiveKnowledgeBase({
      dir: config.dataDir,
      onProblems: (problems) =>
        logger.error({ problems: problems.map(formatProblem) }, 'data folder has problems; still serving the last good data'),
      onReload: (kb) => {
        logger.info({ articles: kb.articles.length }, 'knowledge base loaded');
        // New articles become alerts; the first start over a folder only records what is there.
        void alerts?.onKnowledgeReload(kb).catch((error: unknown) => logger.error({ err: error }, 'publishing new articles failed'));
      },
    });
    const first = await knowledge.reload();
    if (!first.ok) throw new Error(`the data folder ${config.dataDir} has problems (see above); fix them and start again`);
    alerts = createAlertsService({
      store,
      rest: deliveryRest,
      kbProvider: () => knowledge.current(),
      logger,
      applicationId: config.applicationId,
      delivery: { leaseMs: config.alerts.deliveryLeaseSeconds * 1000 },
    });
    await alerts.onKnowledgeReload(knowledge.current());
    return { config, logger, knowledge, store, rest, commands, alerts };
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
}

/** Polls the operator's feeds into the outbox; nothing when none are configured. */
async function startFeeds(ctx: AppContext): Promise<Stop> {
  const feeds = await feedList(ctx.config.feeds.urls, ctx.config.feeds.file);
  if (feeds.length === 0) return async () => undefined;
  const poller = createFeedPoller({
    feeds,
    intervalMs: ctx.config.feeds.intervalSeconds * 1000,
    store: ctx.alerts.feedState,
    onNewItem: ctx.alerts.onFeedItem,
    onError: (error) => ctx.logger.warn({ feed: error.feedUrl, err: error.error, failures: error.failures, retryAt: new Date(error.retryAt).toISOString() }, 'feed could not be read; retrying later'),
    userAgent: USER_AGENT,
  });
  poller.start();
  ctx.logger.info({ feeds: feeds.length }, 'polling news feeds');
  return () => poller.stop();
}

function boundRespond(ctx: AppContext): RespondFn {
  const services = {
    alerts: alertsCommandServices({ rest: ctx.rest, subscriptions: ctx.alerts.subscriptions, botUserId: ctx.config.applicationId }),
  };
  return (interaction) => respond(interaction, { kb: ctx.knowledge.current(), commands: ctx.commands, log: ctx.logger, services });
}

async function registerCommands(ctx: AppContext): Promise<void> {
  const outcome = await syncCommands(
    ctx.rest,
    { applicationId: ctx.config.applicationId },
    ctx.commands.map((command) => command.definition),
    ctx.store.namespace<string>('settings'),
  );
  ctx.logger.info({ outcome }, outcome === 'registered' ? 'slash commands registered' : 'slash commands unchanged; not registered again');
}

async function runGateway(ctx: AppContext): Promise<Stop> {
  const bot = createGatewayBot({
    token: ctx.config.discordToken,
    apiUrl: ctx.config.apiUrl,
    applicationId: ctx.config.applicationId,
    respond: boundRespond(ctx),
    deferEphemeral: ephemeralDeferral(ctx.commands),
    logger: ctx.logger,
  });
  await bot.start();
  return () => bot.stop();
}

async function runHttp(ctx: AppContext): Promise<Stop> {
  const { config } = ctx;
  const server = await startInteractionsServer({
    publicKey: config.publicKey ?? '',
    applicationId: config.applicationId,
    respond: boundRespond(ctx),
    deferEphemeral: ephemeralDeferral(ctx.commands),
    rest: ctx.rest,
    logger: ctx.logger,
    health: async () => ({
      knowledgeBase: ctx.knowledge.current().articles.length > 0,
      store: await ctx.store.ping().then(() => true, () => false),
    }),
    port: config.http.port,
    host: config.http.host,
  });
  ctx.logger.info({ port: server.port, host: config.http.host }, 'interactions endpoint listening on POST /interactions');
  return () => server.close();
}

function onSignals(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler).on('SIGTERM', handler);
}

/** Builds everything and serves in this process; in http mode with workers, once per worker. */
async function serve(config: Config, logger: Logger, register: boolean): Promise<Stoppable> {
  const ctx = await buildContext(config, logger);
  try {
    if (register) await registerCommands(ctx);
    const stopMode = config.mode === 'http' ? await runHttp(ctx) : await runGateway(ctx);
    const stopWatching = ctx.knowledge.watch();
    ctx.alerts.startDelivery();
    const stopFeeds = await startFeeds(ctx);
    return {
      async close() {
        stopWatching();
        await stopMode();
        await stopFeeds();
        await ctx.alerts.stop();
        await ctx.store.close();
        logger.info('stopped');
      },
    };
  } catch (error) {
    await ctx.store.close().catch(() => undefined);
    throw error;
  }
}

/** With several HTTP workers the primary registers once, before forking. */
async function registerOnly(config: Config, logger: Logger): Promise<void> {
  const ctx = await buildContext(config, logger);
  try {
    await registerCommands(ctx);
  } finally {
    await ctx.store.close();
  }
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const logger = createLogger({ level: config.logLevel, secrets: [config.discordToken] });
  try {
    let running: Stoppable;
    if (config.mode === 'http') {
      const workers = config.http.workers;
      if (workers > 1 && cluster.isPrimary) await registerOnly(config, logger);
      running = await startHttpWorkers({ workers, logger, start: () => serve(config, logger, workers === 1) });
    } else {
      running = await serve(config, logger, true);
    }
    onSignals(logger, () => running.close());
  } catch (error) {
    logger.fatal({ err: error }, describeStartupError(error));
    process.exit(1);
  }
}

await main();
