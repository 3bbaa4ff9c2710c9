// What the bot asks Discord about a server before it trusts a channel with
// alerts: the channel (its overwrites are not in the interaction), the roles,
// the bot's own member. Discord's refusals come back as values, not throws,
// because "I cannot see that channel" is an answer a moderator can act on.
import type { REST } from '@discordjs/rest';
import { type APIChannel, type APIGuildMember, type APIRole, RESTJSONErrorCodes, Routes } from 'discord-api-types/v10';

import { discordErrorCode } from './api-error-code.js';

export type ChannelLookup = { status: 'found'; channel: APIChannel } | { status: 'missing-access' } | { status: 'unknown-channel' };

export interface ChannelName {
  id: string;
  name: string;
}

export interface DiscordLookups {
  channel(channelId: string): Promise<ChannelLookup>;
  roles(guildId: string): Promise<APIRole[]>;
  /** Undefined when the user is not a member (a bot that was removed). */
  member(guildId: string, userId: string): Promise<APIGuildMember | undefined>;
  /** The guild's channel names, for autocomplete labels; cached briefly, as autocomplete asks per keystroke. */
  channelNames(guildId: string): Promise<ChannelName[]>;
}

const CHANNEL_NAMES_TTL_MS = 30_000;

function isDiscordError(error: unknown, code: number): boolean {
  return discordErrorCode(error) === code;
}

export function createDiscordLookups(rest: Pick<REST, 'get'>, now: () => number = Date.now): DiscordLookups {
  const names = new Map<string, { at: number; names: Promise<ChannelName[]> }>();
  return {
    async channel(channelId) {
      try {
        return { status: 'found', channel: (await rest.get(Routes.channel(channelId))) as APIChannel };
      } catch (error) {
        if (isDiscordError(error, RESTJSONErrorCodes.MissingAccess)) return { status: 'missing-access' };
        if (isDiscordError(error, RESTJSONErrorCodes.UnknownChannel)) return { status: 'unknown-channel' };
        throw error;
      }
    },
    async roles(guildId) {
      return (await rest.get(Routes.guildRoles(guildId))) as APIRole[];
    },
    async member(guildId, userId) {
      try {
        return (await rest.get(Routes.guildMember(guildId, userId))) as APIGuildMember;
      } catch (error) {
        if (isDiscordError(error, RESTJSONErrorCodes.UnknownMember)) return undefined;
        throw error;
      }
    },
    channelNames(guildId) {
      const cached = names.get(guildId);
      if (cached && now() - cached.at < CHANNEL_NAMES_TTL_MS) return cached.names;
      const fresh = (rest.get(Routes.guildChannels(guildId)) as Promise<APIChannel[]>).then((channels) =>
        channels.map((c) => ({ id: c.id, name: c.name ?? c.id })),
      );
      for (const [id, entry] of names) if (now() - entry.at >= CHANNEL_NAMES_TTL_MS) names.delete(id);
      names.set(guildId, { at: now(), names: fresh });
      // A failure is not cached: the next keystroke asks again.
      fresh.catch(() => names.delete(guildId));
      return fresh;
    },
  };
}
