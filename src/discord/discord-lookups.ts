// What the bot asks Discord about a server before it trusts a channel with
// alerts: the channel (its overwrites are not in the interaction), the roles,
// the bot's own member; and, to tell moderators that alerts paused, the guild
// and its channels. Discord's refusals (read by discordRefusal) come back as
// values, not throws, because "I cannot see that channel" is an answer a
// moderator can act on.
import type { REST } from '@discordjs/rest';
import { type APIChannel, type APIGuild, type APIGuildMember, type APIRole, Routes } from 'discord-api-types/v10';

import { discordRefusal } from './refusal.js';

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

/** A channel as Discord lists a guild's channels (threads are not listed). */
export type GuildChannel = Extract<APIChannel, { guild_id?: string; position: number }>;

/** What finding a channel for a notice to the moderators needs: the guild's settings, channels, roles and the bot's member. */
export interface GuildLookups extends Pick<DiscordLookups, 'roles' | 'member'> {
  guild(guildId: string): Promise<APIGuild>;
  channels(guildId: string): Promise<GuildChannel[]>;
}

const CHANNEL_NAMES_TTL_MS = 30_000;

export function createDiscordLookups(rest: Pick<REST, 'get'>, now: () => number = Date.now): DiscordLookups & GuildLookups {
  const names = new Map<string, { at: number; names: Promise<ChannelName[]> }>();
  const channels = async (guildId: string): Promise<GuildChannel[]> => (await rest.get(Routes.guildChannels(guildId))) as GuildChannel[];
  return {
    async channel(channelId) {
      try {
        return { status: 'found', channel: (await rest.get(Routes.channel(channelId))) as APIChannel };
      } catch (error) {
        const refusal = discordRefusal(error);
        // 50013 on reading a channel is not an answer about the channel: it is thrown.
        if (refusal.kind === 'pause' && refusal.reason !== 'missing-permissions') return { status: refusal.reason };
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
        if (discordRefusal(error).kind === 'not-member') return undefined;
        throw error;
      }
    },
    async guild(guildId) {
      return (await rest.get(Routes.guild(guildId))) as APIGuild;
    },
    channels,
    channelNames(guildId) {
      const cached = names.get(guildId);
      if (cached && now() - cached.at < CHANNEL_NAMES_TTL_MS) return cached.names;
      const fresh = channels(guildId).then((list) => list.map((c) => ({ id: c.id, name: c.name })));
      for (const [id, entry] of names) if (now() - entry.at >= CHANNEL_NAMES_TTL_MS) names.delete(id);
      names.set(guildId, { at: now(), names: fresh });
      // A failure is not cached: the next keystroke asks again.
      fresh.catch(() => names.delete(guildId));
      return fresh;
    },
  };
}
