// The guilds, channels, roles and members the stand-in serves, and Discord's permission
// arithmetic over them (so a bot computing its own permissions gets the answers Discord gives).
import type {
  APIChannel,
  APIGuildMember,
  APIRole,
  APIUser,
  GatewayGuildCreateDispatchData,
  GuildChannelType,
  ThreadChannelType,
} from 'discord-api-types/v10';
import {
  ChannelType,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  type GuildMemberFlags,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  Locale,
  OverwriteType,
  PermissionFlagsBits,
  type RoleFlags,
} from 'discord-api-types/v10';

import { makeUser } from '../src/discord/interaction-payloads.js';
import { snowflake } from '../src/discord/snowflake.js';

export type LocalChannel = APIChannel & { type: Exclude<GuildChannelType, ThreadChannelType>; guild_id: string };

export interface LocalGuild {
  id: string;
  name: string;
  ownerId: string;
  preferredLocale: Locale;
  joinedAt: string;
  roles: APIRole[];
  channels: LocalChannel[];
  members: APIGuildMember[];
}

/** How many of each to generate; the defaults make one small guild for tests. */
export interface WorldSize {
  guilds?: number;
  /** Channels per guild, cycling text, text, announcement, voice, forum. */
  channels?: number;
  /** Roles per guild, counting @everyone and the bot's own role. */
  roles?: number;
  /** Members per guild, counting the bot. */
  members?: number;
  /** Locale of the first guild (the rest alternate en-US/de). */
  locale?: Locale;
}

export interface World {
  bot: APIUser;
  guilds: Map<string, LocalGuild>;
  channels: Map<string, LocalChannel>;
}

const CHANNEL_CYCLE = [
  ChannelType.GuildText,
  ChannelType.GuildText,
  ChannelType.GuildAnnouncement,
  ChannelType.GuildVoice,
  ChannelType.GuildForum,
] as const;

/** Discord's defaults for @everyone in a new server (a subset that matters to a bot). */
const EVERYONE_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.MentionEveryone |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.Connect |
  PermissionFlagsBits.Speak;

const ALL_PERMISSIONS = Object.values(PermissionFlagsBits).reduce((all, bit) => all | bit, 0n);

/** What an invite with the scopes Lagebild asks for gives its managed role. */
const BOT_ROLE_PERMISSIONS = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks;

function makeRole(id: string, name: string, position: number, permissions: bigint, botId?: string): APIRole {
  return {
    id,
    name,
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- Discord still sends `color` next to `colors`; the stand-in's payloads do too
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    position,
    permissions: String(permissions),
    managed: botId !== undefined,
    mentionable: false,
    // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- Discord sends 0 for no flags; the flag enum has no zero member
    flags: 0 as RoleFlags,
    ...(botId !== undefined ? { tags: { bot_id: botId } } : {}),
  };
}

function makeMember(user: APIUser, roles: string[], joinedAt: string): APIGuildMember {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- Discord sends 0 for no flags; the flag enum has no zero member
  return { user, roles, joined_at: joinedAt, deaf: false, mute: false, flags: 0 as GuildMemberFlags, nick: null };
}

function makeChannel(guildId: string, index: number): LocalChannel {
  const type = CHANNEL_CYCLE[index % CHANNEL_CYCLE.length] ?? ChannelType.GuildText;
  const name = index === 0 ? 'general' : `${ChannelType[type].replace(/^Guild/, '').toLowerCase()}-${index}`;
  // The one place a plain object becomes one member of discord-api-types' channel union.
  return { id: snowflake(), type, guild_id: guildId, name, position: index, permission_overwrites: [], parent_id: null, nsfw: false } as LocalChannel;
}

const DISCORD_EPOCH = 1_420_070_400_000n;

/**
 * A guild's id, made a millisecond earlier per index: the shard of a guild goes by its id's
 * time (`shardOf`), so generated guilds spread over the shards as real ones do. The top bit
 * of the counter part keeps it apart from snowflake()'s ids of the same millisecond.
 */
function guildSnowflake(index: number): string {
  return String(((BigInt(Date.now() - index) - DISCORD_EPOCH) << 22n) | 0x20_0000n | BigInt(index & 0x1f_ffff));
}

/** Discord's rule: the shard that receives a guild's events. DMs go to shard 0. */
export function shardOf(guildId: string | undefined, shardCount: number): number {
  return guildId === undefined ? 0 : Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

function makeGuild(bot: APIUser, index: number, size: Required<WorldSize>): LocalGuild {
  const id = guildSnowflake(index);
  const joinedAt = new Date().toISOString();
  const botRole = makeRole(snowflake(), bot.username, 1, BOT_ROLE_PERMISSIONS, bot.id);
  const roles = [makeRole(id, '@everyone', 0, EVERYONE_PERMISSIONS), botRole];
  for (let r = roles.length; r < size.roles; r++) roles.push(makeRole(snowflake(), `role-${r}`, r, 0n));
  const members = [makeMember(bot, [botRole.id], joinedAt)];
  for (let m = 1; m < size.members; m++) {
    members.push(makeMember(makeUser(snowflake(), `user-${index}-${m}`), [], joinedAt));
  }
  const channels = Array.from({ length: size.channels }, (_, c) => makeChannel(id, c));
  return {
    id,
    name: `Guild ${index + 1}`,
    ownerId: members[1]?.user.id ?? snowflake(),
    preferredLocale: index === 0 ? size.locale : index % 2 ? Locale.German : Locale.EnglishUS,
    joinedAt,
    roles,
    channels,
    members,
  };
}

/** Builds the world: by default one guild with five channels, three roles and three members. */
export function generateWorld(bot: APIUser, size: WorldSize = {}): World {
  const full: Required<WorldSize> = { guilds: 1, channels: 5, roles: 3, members: 3, locale: Locale.EnglishUS, ...size };
  const guilds = new Map<string, LocalGuild>();
  const channels = new Map<string, LocalChannel>();
  for (let g = 0; g < full.guilds; g++) {
    const guild = makeGuild(bot, g, full);
    guilds.set(guild.id, guild);
    for (const channel of guild.channels) channels.set(channel.id, channel);
  }
  return { bot, guilds, channels };
}

/** The GUILD_CREATE payload; `allMembers` only with the GuildMembers intent (else just the bot). */
export function guildCreatePayload(guild: LocalGuild, botId: string, allMembers: boolean): GatewayGuildCreateDispatchData {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: GuildVerificationLevel.None,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    roles: guild.roles,
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotifications,
    rules_channel_id: null,
    vanity_url_code: null,
    premium_tier: GuildPremiumTier.None,
    preferred_locale: guild.preferredLocale,
    public_updates_channel_id: null,
    nsfw_level: GuildNSFWLevel.Default,
    premium_progress_bar_enabled: false,
    hub_type: null,
    safety_alerts_channel_id: null,
    incidents_data: null,
    joined_at: guild.joinedAt,
    large: guild.members.length > 250,
    member_count: guild.members.length,
    voice_states: [],
    members: allMembers ? guild.members : guild.members.filter((m) => m.user.id === botId),
    channels: guild.channels,
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

/** Discord's algorithm: base permissions from roles, then the channel's overwrites. */
export function permissionsIn(guild: LocalGuild, channel: LocalChannel | undefined, userId: string): bigint {
  if (guild.ownerId === userId) return ALL_PERMISSIONS;
  const member = guild.members.find((m) => m.user.id === userId);
  if (!member) return 0n;
  const roleIds = new Set([guild.id, ...member.roles]);
  let permissions = 0n;
  for (const role of guild.roles) if (roleIds.has(role.id)) permissions |= BigInt(role.permissions);
  if (permissions & PermissionFlagsBits.Administrator) return ALL_PERMISSIONS;
  if (!channel) return permissions;
  const overwrites = 'permission_overwrites' in channel ? (channel.permission_overwrites ?? []) : [];
  const apply = (allow: string, deny: string) => {
    permissions = (permissions & ~BigInt(deny)) | BigInt(allow);
  };
  const everyone = overwrites.find((o) => o.id === guild.id);
  if (everyone) apply(everyone.allow, everyone.deny);
  let roleAllow = 0n;
  let roleDeny = 0n;
  for (const o of overwrites) {
    if (o.type === OverwriteType.Role && o.id !== guild.id && roleIds.has(o.id)) {
      roleAllow |= BigInt(o.allow);
      roleDeny |= BigInt(o.deny);
    }
  }
  apply(String(roleAllow), String(roleDeny));
  const own = overwrites.find((o) => o.type === OverwriteType.Member && o.id === userId);
  if (own) apply(own.allow, own.deny);
  return permissions;
}
