// The two ways the bot meets Discord, over the same dispatcher: a gateway
// session, or an HTTP interactions endpoint. Plus command registration.
import { DefaultRestOptions } from '@discordjs/rest';

import { syncCommands } from '../discord/command-sync.js';
import { createGatewayBot } from '../gateway/gateway-bot.js';
import { startInteractionsServer } from '../http/interactions-server.js';
import { respond } from '../interactions/respond.js';
import { ephemeralDeferral, type RespondFn } from '../transport/fallback-responses.js';
import { budgetedMakeRequest } from './build-context.js';
import type { AppContext, Stop } from './context.js';
import { healthOf, startHealthServer } from './health.js';

function boundRespond(ctx: AppContext): RespondFn {
  return (interaction) => respond(interaction, { kb: ctx.knowledge.current(), news: ctx.news.current(), commands: ctx.commands, log: ctx.logger });
}

/** Needs only the REST client and the store, so the HTTP primary can call it without the rest of the context. */
export async function registerCommands(ctx: Pick<AppContext, 'config' | 'rest' | 'store' | 'commands' | 'logger'>): Promise<void> {
  const outcome = await syncCommands(
    ctx.rest,
    { applicationId: ctx.config.applicationId },
    ctx.commands.map((command) => command.definition),
    ctx.store.namespace<string>('settings'),
  );
  ctx.logger.info({ outcome }, outcome === 'registered' ? 'slash commands registered' : 'slash commands unchanged; not registered again');
}

export async function runGateway(ctx: AppContext): Promise<Stop> {
  const bot = createGatewayBot({
    token: ctx.config.discordToken,
    apiUrl: ctx.config.apiUrl,
    applicationId: ctx.config.applicationId,
    makeRequest: budgetedMakeRequest(ctx.store, ctx.logger, 'interactive', DefaultRestOptions.timeout),
    respond: boundRespond(ctx),
    deferEphemeral: ephemeralDeferral(ctx.commands),
    logger: ctx.logger,
    shards: { count: ctx.config.gateway.shardCount, ids: ctx.config.gateway.shardIds },
    // Identify turns are taken in the store, so every process of the bot keeps Discord's max_concurrency together.
    identifySlots: ctx.store,
  });
  await bot.start();
  const { healthPort } = ctx.config;
  if (healthPort === undefined) return () => bot.stop();
  // After the session started: a supervisor probing it sees 200 only once the bot is up.
  const health = await startHealthServer(healthOf(ctx), { port: healthPort, host: ctx.config.http.host, logger: ctx.logger }).catch(
    async (error: unknown) => {
      await bot.stop();
      throw error;
    },
  );
  ctx.logger.info({ port: health.port, host: ctx.config.http.host }, 'health endpoint listening on GET /healthz');
  return async () => {
    await health.stop();
    await bot.stop();
  };
}

export async function runHttp(ctx: AppContext): Promise<Stop> {
  const { config } = ctx;
  const server = await startInteractionsServer({
    publicKey: config.publicKey ?? '',
    applicationId: config.applicationId,
    respond: boundRespond(ctx),
    deferEphemeral: ephemeralDeferral(ctx.commands),
    rest: ctx.rest,
    logger: ctx.logger,
    health: healthOf(ctx),
    port: config.http.port,
    host: config.http.host,
  });
  ctx.logger.info({ port: server.port, host: config.http.host }, 'interactions endpoint listening on POST /interactions');
  return () => server.close();
}
