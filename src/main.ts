// The composition root: `npm start`. Reads the config once, builds every
// dependency once (app/build-context.ts), starts a mode and owns shutdown.
import cluster from 'node:cluster';
import { constants } from 'node:os';

import { createCommands } from '../commands/index.js';
import { buildContext, discordRest, openConfiguredStore } from './app/build-context.js';
import { feedList } from './app/feed-list.js';
import { registerCommands, runGateway, runHttp } from './app/modes.js';
import { shardProcessEnvironments } from './app/shard-plan.js';
import { startFeeds } from './app/start-feeds.js';
import { describeStartupError } from './app/startup-errors.js';
import { startWorkerProcesses, type Stoppable } from './app/worker-processes.js';
import { type Config, ConfigError, loadConfig } from './config/config.js';
import { createLogger, type Logger } from './logging/logger.js';
import { stdoutFlushed } from './logging/stdout-destination.js';

/** The graceful stop gets this long: supervisors kill soon after (Docker after 10 s). */
const SHUTDOWN_LIMIT_MS = 8000;
/** How long the last log lines may take to reach a slow stdout reader. */
const FLUSH_LIMIT_MS = 500;

async function exitAfterFlush(code: number): Promise<never> {
  await stdoutFlushed(FLUSH_LIMIT_MS);
  process.exit(code);
}

/**
 * SIGINT/SIGTERM stop gracefully, within SHUTDOWN_LIMIT_MS; a second signal
 * ends the process at once (exit code 128 + signal number, as a shell reports
 * a killed process). An HTTP worker ignores SIGINT: Ctrl-C reaches the whole
 * process group, and the primary then stops its workers with SIGTERM, which
 * would otherwise count as their second signal.
 */
function onSignals(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal; exiting without finishing the shutdown');
      process.exit(128 + constants.signals[signal]);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error({ limitMs: SHUTDOWN_LIMIT_MS }, 'shutdown took too long; exiting without finishing it');
      void exitAfterFlush(1);
    }, SHUTDOWN_LIMIT_MS);
    stop().then(
      () => exitAfterFlush(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        return exitAfterFlush(1);
      },
    );
  };
  process.on('SIGTERM', handler).on('SIGINT', cluster.isWorker ? () => undefined : handler);
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
    const stopNewsSync = ctx.news.start();
    return {
      async close() {
        stopWatching();
        stopNewsSync();
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
 * The processes to run on this machine, by their environment: N HTTP workers, or the
 * gateway's shard processes (each with its shards), or just this one. With several, the
 * primary registers the commands once, before forking; it needs only the store and REST
 * for that (the knowledge base and alerts are built in each worker), and the definitions
 * do not depend on the commands' services, so it builds them without.
 */
async function preparePrimary(config: Config, logger: Logger): Promise<Record<string, string>[]> {
  const several = config.mode === 'http' ? config.http.workers > 1 : config.gateway.processes > 1;
  if (cluster.isWorker || !several) return [{}];
  const store = await openConfiguredStore(config, logger);
  try {
    const rest = discordRest(config, store, logger);
    const workers = config.mode === 'http' ? Array.from({ length: config.http.workers }, () => ({})) : await shardProcessEnvironments(config, rest);
    if (workers.length > 1) await registerCommands({ config, logger, store, rest, commands: createCommands() });
    return workers;
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
    const workers = await preparePrimary(config, logger);
    const running = await startWorkerProcesses({
      workers,
      role: config.mode === 'http' ? 'HTTP worker' : 'shard process',
      logger,
      // Workers leave registration to the primary.
      start: () => serve(config, logger, cluster.isPrimary, feeds),
    });
    onSignals(logger, () => running.close());
  } catch (error) {
    logger.fatal({ err: error }, describeStartupError(error));
    await exitAfterFlush(1);
  }
}

await main();
