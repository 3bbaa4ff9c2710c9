// Gateway mode: a discord.js Client used only as a transport. Interactions
// carry everything a slash-command bot needs, so the client asks for no
// intents and caches nothing that grows with server size; raw
// INTERACTION_CREATE payloads go to the same dispatcher the CLI and the HTTP
// server use, and answers go back over REST.
import type { RESTOptions } from '@discordjs/rest';
import { Client, type ClientOptions, Options } from 'discord.js';
import { type APIInteraction, GatewayDispatchEvents } from 'discord-api-types/v10';

import type { Logger } from '../logging/logger.js';
import { answerInTime } from '../transport/answer-in-time.js';
import type { RespondFn } from '../transport/fallback-responses.js';
import { buildSharedIdentifyThrottler, type IdentifySlots } from './identify-throttle.js';

/** Which shards this process runs. */
export interface ShardSelection {
  /** The shards of the whole bot; `auto`: Discord's recommendation (then `ids` must be unset). */
  count: number | 'auto';
  /** The shards run here; all of them when unset. */
  ids?: readonly number[] | undefined;
}

export interface GatewayBotOptions {
  token: string;
  /** Base API URL without version, e.g. https://discord.com/api. */
  apiUrl: string;
  applicationId: string;
  respond: RespondFn;
  deferEphemeral: (interaction: APIInteraction) => boolean;
  logger: Logger;
  /** Where the client's REST requests go (the shared budget, for those with the bot token). */
  makeRequest?: RESTOptions['makeRequest'];
  /** How long to wait for an answer before deferring; Discord allows 3 s including the network. */
  deadlineMs?: number;
  /** Default: Discord's recommendation, all shards here. */
  shards?: ShardSelection;
  /** Where identify turns are shared with the bot's other processes (identify-throttle.ts); without it, within this process only. */
  identifySlots?: IdentifySlots;
}

export interface GatewayBot {
  /** Resolves when the gateway session is ready; rejects on a bad token. */
  start(): Promise<void>;
  /** Waits for interactions in flight (at most `graceMs`), then logs out. */
  stop(graceMs?: number): Promise<void>;
}

const DEFAULT_DEADLINE_MS = 2000;

/** Nothing per member, message, presence or user: interactions bring those along. */
function minimalCache() {
  return Options.cacheWithLimits({
    ApplicationCommandManager: 0,
    AutoModerationRuleManager: 0,
    BaseGuildEmojiManager: 0,
    DMMessageManager: 0,
    EntitlementManager: 0,
    GuildBanManager: 0,
    GuildEmojiManager: 0,
    GuildForumThreadManager: 0,
    GuildInviteManager: 0,
    GuildMemberManager: 0,
    GuildMessageManager: 0,
    GuildScheduledEventManager: 0,
    GuildStickerManager: 0,
    GuildTextThreadManager: 0,
    MessageManager: 0,
    PresenceManager: 0,
    ReactionManager: 0,
    ReactionUserManager: 0,
    StageInstanceManager: 0,
    ThreadManager: 0,
    ThreadMemberManager: 0,
    UserManager: { maxSize: 0, keepOverLimit: (user) => user.id === user.client.user.id },
    VoiceStateManager: 0,
  });
}

/** discord.js's `shards`/`shardCount`: a fixed count runs the selected ids (or all) of it. */
function shardOptions({ count, ids }: ShardSelection): Pick<ClientOptions, 'shards' | 'shardCount'> {
  if (count === 'auto') return { shards: 'auto' };
  return { shards: [...(ids ?? Array.from({ length: count }, (_, id) => id))], shardCount: count };
}

export function createGatewayBot(options: GatewayBotOptions): GatewayBot {
  const { logger, identifySlots } = options;
  const client = new Client({
    // Interactions need no intent; Guilds would stream every channel and role of every server.
    intents: [],
    makeCache: minimalCache(),
    rest: { api: options.apiUrl, ...(options.makeRequest && { makeRequest: options.makeRequest }) },
    ...shardOptions(options.shards ?? { count: 'auto' }),
    ...(identifySlots === undefined
      ? {}
      : {
          ws: {
            buildIdentifyThrottler: buildSharedIdentifyThrottler(identifySlots, {
              onError: (error) => logger.warn({ err: error }, 'identify turn could not be taken from the store; asking again'),
            }),
          },
        }),
  });
  const inFlight = new Set<Promise<void>>();
  let accepting = true;

  client.ws.on(GatewayDispatchEvents.InteractionCreate, (interaction: APIInteraction) => {
    if (!accepting) return;
    const work = answerInTime(interaction, {
      respond: options.respond,
      rest: client.rest,
      applicationId: options.applicationId,
      logger,
      deadlineMs: options.deadlineMs ?? DEFAULT_DEADLINE_MS,
      deferEphemeral: options.deferEphemeral,
    }).finally(() => inFlight.delete(work));
    inFlight.add(work);
  });
  client.on('error', (error) => logger.error({ err: error }, 'gateway client error'));
  client.on('warn', (message) => logger.warn({ detail: message }, 'gateway client warning'));

  return {
    async start() {
      const ready = new Promise<void>((resolve) => client.once('clientReady', () => resolve()));
      await client.login(options.token);
      await ready;
      logger.info(
        { user: client.user?.tag, applicationId: options.applicationId, shards: [...client.ws.shards.keys()], shardCount: client.options.shardCount },
        'gateway session ready',
      );
    },
    async stop(graceMs = 10_000) {
      accepting = false;
      const grace = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([Promise.allSettled([...inFlight]), grace]);
      await client.destroy();
    },
  };
}
