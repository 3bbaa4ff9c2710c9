// The REST routes the stand-in answers, keyed by method and the spec's path template.
// Bodies reach these handlers only after they passed validation.
import type { APIApplicationCommand, APIInteractionResponse, APIMessage, RESTPostAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';
import {
  ApplicationCommandType,
  ChannelType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  MessageType,
  PermissionFlagsBits,
} from 'discord-api-types/v10';

import { snowflake } from '../src/discord/snowflake.js';
import type { InteractionRegistry, PendingInteraction } from './interaction-registry.js';
import { CALLBACK_DEADLINE_MS } from './interaction-registry.js';
import type { MessageBody, MessageStore } from './messages.js';
import type { LocalGuild, World } from './world.js';
import { permissionsIn } from './world.js';

export interface RouteContext {
  world: World;
  messages: MessageStore;
  interactions: InteractionRegistry;
  /** Registered commands by scope: `global` or a guild id. */
  commands: Map<string, APIApplicationCommand[]>;
  applicationId: string;
  gatewayUrl: () => string;
  /** What GET /gateway/bot reports: the recommended shards, max_concurrency, and IDENTIFYs so far (they use up the day's 1,000). */
  gatewayBot: () => { shards: number; maxConcurrency: number; identifies: number };
}

export interface RouteRequest {
  params: Record<string, string>;
  body: unknown;
  query: URLSearchParams;
}

export interface RouteResponse {
  status: number;
  body?: unknown;
}

export interface Route {
  /** Bot routes need `Authorization: Bot <token>`; interaction callbacks and webhooks do not. */
  auth: boolean;
  handle(request: RouteRequest): RouteResponse;
}

/** Discord's JSON error body. */
export function discordError(status: number, code: number, message: string): RouteResponse {
  return { status, body: { message, code } };
}

const NO_CONTENT: RouteResponse = { status: 204 };
const ok = (body: unknown): RouteResponse => ({ status: 200, body });

/** The errors more than one place answers with. */
export const errors = {
  unauthorized: () => discordError(401, 0, '401: Unauthorized'),
  unknownChannel: () => discordError(404, 10003, 'Unknown Channel'),
  unknownMessage: () => discordError(404, 10008, 'Unknown Message'),
  unknownWebhook: () => discordError(404, 10015, 'Unknown Webhook'),
  missingAccess: () => discordError(403, 50001, 'Missing Access'),
  missingPermissions: () => discordError(403, 50013, 'Missing Permissions'),
};
const { unknownChannel, unknownMessage, unknownWebhook, missingAccess, missingPermissions } = errors;

const THREAD_TYPES: ReadonlySet<ChannelType> = new Set([ChannelType.AnnouncementThread, ChannelType.PublicThread, ChannelType.PrivateThread]);
const MESSAGE_CHANNEL_TYPES: ReadonlySet<ChannelType> = new Set([
  ChannelType.GuildText,
  ChannelType.GuildAnnouncement,
  ChannelType.GuildVoice,
  ...THREAD_TYPES,
]);

export function createRoutes(ctx: RouteContext): Map<string, Route> {
  const { world, messages, interactions, applicationId } = ctx;
  const routes = new Map<string, Route>();
  const add = (key: string, auth: boolean, handle: Route['handle']) => routes.set(key, { auth, handle });

  const guildOr404 = (id: string | undefined): LocalGuild | RouteResponse => world.guilds.get(id ?? '') ?? discordError(404, 10004, 'Unknown Guild');

  // ---- Gateway and identity
  add('GET /gateway', false, () => ok({ url: ctx.gatewayUrl() }));
  add('GET /gateway/bot', true, () => {
    const { shards, maxConcurrency, identifies } = ctx.gatewayBot();
    return ok({
      url: ctx.gatewayUrl(),
      shards,
      session_start_limit: { total: 1000, remaining: Math.max(0, 1000 - identifies), reset_after: 86_400_000, max_concurrency: maxConcurrency },
    });
  });
  add('GET /users/@me', true, () => ok(world.bot));

  // ---- Application commands (global and per guild)
  const scopeOf = (params: Record<string, string>) => params.guild_id ?? 'global';
  const commandsOr403 = (params: Record<string, string>): RouteResponse | undefined => {
    if (params.application_id !== applicationId) {
      return discordError(403, 20012, 'You are not authorized to perform this action on this application');
    }
    if (params.guild_id !== undefined && !world.guilds.has(params.guild_id)) return missingAccess();
    return undefined;
  };
  const toCommand = (body: RESTPostAPIApplicationCommandsJSONBody, scope: string, existing?: APIApplicationCommand): APIApplicationCommand => {
    const permissions = body.default_member_permissions;
    return {
      ...body,
      id: existing?.id ?? snowflake(),
      application_id: applicationId,
      version: snowflake(),
      type: body.type ?? ApplicationCommandType.ChatInput,
      description: 'description' in body ? body.description : '',
      default_member_permissions: permissions ?? null,
      ...(scope === 'global' ? {} : { guild_id: scope }),
    } as APIApplicationCommand;
  };
  const sameCommand = (a: { name: string; type?: number }, b: { name: string; type?: number }) =>
    a.name === b.name && (a.type ?? ApplicationCommandType.ChatInput) === (b.type ?? ApplicationCommandType.ChatInput);

  for (const prefix of ['/applications/{application_id}', '/applications/{application_id}/guilds/{guild_id}']) {
    add(`GET ${prefix}/commands`, true, ({ params }) => commandsOr403(params) ?? ok(ctx.commands.get(scopeOf(params)) ?? []));
    add(`PUT ${prefix}/commands`, true, ({ params, body }) => {
      const denied = commandsOr403(params);
      if (denied) return denied;
      const scope = scopeOf(params);
      const before = ctx.commands.get(scope) ?? [];
      // Overwrites the scope; commands keeping their name keep their id, as on Discord.
      const after = ((body ?? []) as RESTPostAPIApplicationCommandsJSONBody[]).map((def) =>
        toCommand(
          def,
          scope,
          before.find((c) => sameCommand(c, def)),
        ),
      );
      ctx.commands.set(scope, after);
      return ok(after);
    });
    add(`POST ${prefix}/commands`, true, ({ params, body }) => {
      const denied = commandsOr403(params);
      if (denied) return denied;
      const scope = scopeOf(params);
      const def = body as RESTPostAPIApplicationCommandsJSONBody;
      const list = ctx.commands.get(scope) ?? [];
      const existing = list.find((c) => sameCommand(c, def));
      const command = toCommand(def, scope, existing);
      ctx.commands.set(scope, [...list.filter((c) => c !== existing), command]);
      return { status: existing ? 200 : 201, body: command };
    });
  }

  // ---- Interactions: callback, @original, follow-ups
  const pendingFor = (token: string | undefined, interactionId?: string): PendingInteraction | undefined => {
    const pending = interactions.byInteractionToken(token ?? '');
    return pending && (interactionId === undefined || pending.interaction.id === interactionId) ? pending : undefined;
  };
  const channelOf = (pending: PendingInteraction) =>
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- interactions built by tests may carry only `channel_id`, which Discord still sends
    pending.interaction.channel?.id ?? pending.interaction.channel_id ?? '0';
  const replyExtras = (pending: PendingInteraction): Partial<APIMessage> => ({
    webhook_id: applicationId,
    application_id: applicationId,
    type: pending.interaction.type === InteractionType.ApplicationCommand ? MessageType.ChatInputCommand : MessageType.Default,
  });

  add('POST /interactions/{interaction_id}/{interaction_token}/callback', false, ({ params, body, query }) => {
    const pending = pendingFor(params.interaction_token, params.interaction_id);
    if (!pending || Date.now() - pending.createdAt > CALLBACK_DEADLINE_MS) {
      return discordError(404, 10062, 'Unknown interaction');
    }
    if (pending.callback) return discordError(400, 40060, 'Interaction has already been acknowledged.');
    const callback = body as APIInteractionResponse;
    const data = ('data' in callback ? callback.data : undefined) as MessageBody | undefined;
    if (callback.type === InteractionResponseType.ChannelMessageWithSource) {
      pending.original = messages.create(channelOf(pending), world.bot, data ?? {}, replyExtras(pending));
    } else if (callback.type === InteractionResponseType.DeferredChannelMessageWithSource) {
      // Discord shows "is thinking…" as a loading message until the @original edit.
      const flags = (data?.flags ?? 0) | MessageFlags.Loading;
      pending.original = messages.create(channelOf(pending), world.bot, { flags }, replyExtras(pending));
    } else if (callback.type === InteractionResponseType.UpdateMessage && pending.interaction.message) {
      const stored = messages.all.find((m) => m.id === pending.interaction.message?.id);
      if (stored && data) messages.edit(stored, data);
    }
    interactions.acknowledge(pending, callback);
    if (query.get('with_response') !== 'true') return NO_CONTENT;
    return ok({
      interaction: { id: pending.interaction.id, type: pending.interaction.type },
      resource: { type: callback.type, ...(pending.original ? { message: pending.original } : {}) },
    });
  });

  const webhookPending = (params: Record<string, string>) => (params.webhook_id === applicationId ? pendingFor(params.webhook_token) : undefined);

  add('POST /webhooks/{webhook_id}/{webhook_token}', false, ({ params, body, query }) => {
    const pending = webhookPending(params);
    if (!pending?.callback) return unknownWebhook();
    const message = messages.create(channelOf(pending), world.bot, body as MessageBody, replyExtras(pending));
    interactions.completed(pending, body);
    return query.get('wait') === 'true' ? ok(message) : NO_CONTENT;
  });

  const original = '/webhooks/{webhook_id}/{webhook_token}/messages/@original';
  add(`GET ${original}`, false, ({ params }) => {
    const message = webhookPending(params)?.original;
    return message ? ok(message) : unknownMessage();
  });
  add(`PATCH ${original}`, false, ({ params, body }) => {
    const pending = webhookPending(params);
    if (!pending?.original) return unknownMessage();
    const edits = body as MessageBody;
    // The edit replaces the loading state of a deferred reply.
    const flags = (edits.flags ?? pending.original.flags ?? 0) & ~MessageFlags.Loading;
    const message = messages.edit(pending.original, { ...edits, flags });
    interactions.completed(pending, body);
    return ok(message);
  });
  add(`DELETE ${original}`, false, ({ params }) => {
    const pending = webhookPending(params);
    if (!pending?.original) return unknownMessage();
    messages.remove(pending.original);
    delete pending.original;
    return NO_CONTENT;
  });

  // ---- Channels and guilds
  const channelAccess = (channelId: string | undefined) => {
    const channel = world.channels.get(channelId ?? '');
    const guild = channel ? world.guilds.get(channel.guild_id) : undefined;
    if (!channel || !guild) return { error: unknownChannel() };
    const permissions = permissionsIn(guild, channel, world.bot.id);
    if (!(permissions & PermissionFlagsBits.ViewChannel)) return { error: missingAccess() };
    return { channel, permissions };
  };

  add('GET /channels/{channel_id}', true, ({ params }) => {
    const access = channelAccess(params.channel_id);
    return access.error ?? ok(access.channel);
  });
  add('POST /channels/{channel_id}/messages', true, ({ params, body }) => {
    const access = channelAccess(params.channel_id);
    if (access.error) return access.error;
    const { channel, permissions } = access;
    if (!MESSAGE_CHANNEL_TYPES.has(channel.type)) return discordError(400, 50008, 'Cannot send messages in a non-text channel');
    const needed = THREAD_TYPES.has(channel.type) ? PermissionFlagsBits.SendMessagesInThreads : PermissionFlagsBits.SendMessages;
    if (!(permissions & needed)) return missingPermissions();
    const { message } = messages.post(channel.id, world.bot, body as MessageBody);
    return message ? ok(message) : unknownMessage();
  });

  add('GET /guilds/{guild_id}/channels', true, ({ params }) => {
    const guild = guildOr404(params.guild_id);
    return 'status' in guild ? guild : ok(guild.channels);
  });
  add('GET /guilds/{guild_id}/roles', true, ({ params }) => {
    const guild = guildOr404(params.guild_id);
    return 'status' in guild ? guild : ok(guild.roles);
  });
  add('GET /guilds/{guild_id}/members/{user_id}', true, ({ params }) => {
    const guild = guildOr404(params.guild_id);
    if ('status' in guild) return guild;
    const member = guild.members.find((m) => m.user.id === params.user_id);
    return member ? ok(member) : discordError(404, 10007, 'Unknown Member');
  });

  return routes;
}
