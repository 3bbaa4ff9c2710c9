// The composition root: `npm start`. Reads the config once, builds every
// dependency once (app/build-context.ts), starts a mode and owns shutdown.
import cluster from 'node:cluster';

import { createCommands } from '../commands/index.js';
import { buildContext, discordRest, openConfiguredStore } from './app/build-context.js';
import { feedList } from './app/feed-list.js';
import { registerCommands, runGateway, runHttp } from './app/modes.js';
import { startFeeds } from './app/start-feeds.js';
import { describeStartupError } from './app/startup-errors.js';
import { type Config, ConfigError, loadConfig } from './config/config.js';
import { startHttpWorkers, type Stoppable } from './http/cluster.js';
import { createLogger, type Logger } from './logging/logger.js';

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
async function serve(config: Config, logger: Logger, register: boolean, feeds: readonly string[]): Promise<Stoppable> {
  const ctx = await buildContext(config, logger);
  try {
    if (register) await registerCommands(ctx);
    const stopMode = config.mode === 'http' ? await runHttp(ctx) : await runGateway(ctx);
    const stopWatching = ctx.knowledge.watch();
    ctx.alerts.startDelivery();
    const stopFeeds = startFeeds(ctx, feeds);
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

/**
 * With several HTTP workers the primary registers once, before forking. It needs
 * only the store and REST: the knowledge base and alerts are built in each worker.
 * The definitions do not depend on the commands' services, so it builds them without.
 */
async function registerOnly(config: Config, logger: Logger): Promise<void> {
  const store = await openConfiguredStore(config, logger);
  try {
    await registerCommands({ config, logger, store, rest: discordRest(config), commands: createCommands() });
  } finally {
    await store.close();
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
    // Read before anything connects or listens: a worker failing after it
    // listened would count as a crash, and be replaced every second, forever.
    const feeds = await feedList(config.feeds.urls, config.feeds.file);
    let running: Stoppable;
    if (config.mode === 'http') {
      const workers = config.http.workers;
      if (workers > 1 && cluster.isPrimary) await registerOnly(config, logger);
      running = await startHttpWorkers({ workers, logger, start: () => serve(config, logger, workers === 1, feeds) });
    } else {
      running = await serve(config, logger, true, feeds);
    }
    onSignals(logger, () => running.close());
  } catch (error) {
    logger.fatal({ err: error }, describeStartupError(error));
    process.exit(1);
  }
}

await main();
