// Gateway mode: a discord.js Client used only as a transport. Interactions
// carry everything a slash-command bot needs, so the client asks for no
// intents and caches nothing that grows with server size; raw
// INTERACTION_CREATE payloads go to the same dispatcher the CLI and the HTTP
// server use, and answers go back over REST.
import type { RESTOptions } from '@discordjs/rest';
import { Client, Options } from 'discord.js';
import { type APIInteraction, GatewayDispatchEvents } from 'discord-api-types/v10';

import type { Logger } from '../logging/logger.js';
import { answerInTime } from '../transport/answer-in-time.js';
import type { RespondFn } from '../transport/fallback-responses.js';

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

export function createGatewayBot(options: GatewayBotOptions): GatewayBot {
  const { logger } = options;
  const client = new Client({
    // Interactions need no intent; Guilds would stream every channel and role of every server.
    intents: [],
    makeCache: minimalCache(),
    rest: { api: options.apiUrl, ...(options.makeRequest && { makeRequest: options.makeRequest }) },
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
      logger.info({ user: client.user?.tag, applicationId: options.applicationId }, 'gateway session ready');
    },
    async stop(graceMs = 10_000) {
      accepting = false;
      const grace = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([Promise.allSettled([...inFlight]), grace]);
      await client.destroy();
    },
  };
}
