// Whether alerts can go to a channel: its type (text, announcement or a thread;
// forums and media channels take posts, not messages), and the bot's own
// permissions in THAT channel. The interaction's app_permissions describe only
// the channel the command was typed in, so they are computed here from the
// channel's (a thread: its parent's) overwrites, the roles and the bot's member.
import { type APIChannel, type APIOverwrite, type APIRole, ChannelType, PermissionFlagsBits } from 'discord-api-types/v10';

import type { ChannelLookup, DiscordLookups } from './discord-lookups.js';
import { channelPermissions, missingPermissions, type PermissionName } from './permissions.js';

export type ChannelKind = 'text' | 'thread' | 'forum' | 'unsuitable';
/** The kinds of channel alerts can go to. */
type AlertKind = Extract<ChannelKind, 'text' | 'thread'>;

const TEXT_TYPES = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;
const THREAD_TYPES = [ChannelType.AnnouncementThread, ChannelType.PublicThread, ChannelType.PrivateThread] as const;

/** The channel types offered in the command's channel option. */
export const ALERT_CHANNEL_TYPES = [...TEXT_TYPES, ...THREAD_TYPES];

const TEXT: ReadonlySet<ChannelType> = new Set(TEXT_TYPES);
const THREADS: ReadonlySet<ChannelType> = new Set(THREAD_TYPES);
const FORUMS: ReadonlySet<ChannelType> = new Set([ChannelType.GuildForum, ChannelType.GuildMedia]);

export function channelKind(type: ChannelType): ChannelKind {
  if (TEXT.has(type)) return 'text';
  if (THREADS.has(type)) return 'thread';
  return FORUMS.has(type) ? 'forum' : 'unsuitable';
}

function isAlertKind(kind: ChannelKind): kind is AlertKind {
  return kind === 'text' || kind === 'thread';
}

/** The permissions an alert needs, the ones a moderator may be told to grant. */
export type AlertPermission = Extract<PermissionName, 'ViewChannel' | 'SendMessages' | 'SendMessagesInThreads' | 'EmbedLinks'>;

/** What the bot needs to post an alert (an embed) there. */
function neededPermissions(kind: AlertKind): AlertPermission[] {
  return ['ViewChannel', kind === 'thread' ? 'SendMessagesInThreads' : 'SendMessages', 'EmbedLinks'];
}

export type TargetProblem =
  | { kind: 'forum' }
  | { kind: 'unsuitable' }
  | { kind: 'unknown-channel' }
  | { kind: 'archived-thread' }
  | { kind: 'missing-permissions'; missing: AlertPermission[] }
  | { kind: 'bot-not-member' }
  | { kind: 'everyone-role' }
  | { kind: 'unknown-role' };

/** The role exists but is not mentionable, and the bot may not mention every role: alerts will not ping. */
export type TargetWarning = 'role-not-pingable';

export type TargetVerdict = { ok: true; kind: AlertKind; warnings: TargetWarning[] } | { ok: false; problem: TargetProblem };

/** The problem with a channel of this type, if any; needs no lookups. */
export function channelTypeProblem(type: ChannelType): TargetProblem | undefined {
  const kind = channelKind(type);
  return isAlertKind(kind) ? undefined : { kind };
}

export interface TargetFacts {
  guildId: string;
  botUserId: string;
  channel: APIChannel;
  /** The overwrites that apply: the channel's own, or its parent's for a thread. */
  overwrites: readonly APIOverwrite[];
  roles: readonly Pick<APIRole, 'id' | 'permissions' | 'mentionable'>[];
  botRoles: readonly string[];
  roleId?: string;
}

/** The verdict on a channel whose facts are known. */
export function judgeTarget(facts: TargetFacts): TargetVerdict {
  const { channel, guildId } = facts;
  // A channel of another server is, for this server, no channel at all.
  if (!('guild_id' in channel) || channel.guild_id !== guildId) return { ok: false, problem: { kind: 'unknown-channel' } };
  const kind = channelKind(channel.type);
  if (!isAlertKind(kind)) return { ok: false, problem: { kind } };
  if ('thread_metadata' in channel && channel.thread_metadata?.archived === true) return { ok: false, problem: { kind: 'archived-thread' } };
  let role: TargetFacts['roles'][number] | undefined;
  if (facts.roleId !== undefined) {
    if (facts.roleId === guildId) return { ok: false, problem: { kind: 'everyone-role' } };
    role = facts.roles.find((r) => r.id === facts.roleId);
    if (!role) return { ok: false, problem: { kind: 'unknown-role' } };
  }
  const permissions = channelPermissions({ guildId, roles: facts.roles, userId: facts.botUserId, memberRoles: facts.botRoles }, facts.overwrites);
  const missing = missingPermissions(permissions, neededPermissions(kind));
  if (missing.length > 0) return { ok: false, problem: { kind: 'missing-permissions', missing } };
  const pingable = role === undefined || role.mentionable || (permissions & PermissionFlagsBits.MentionEveryone) !== 0n;
  return { ok: true, kind, warnings: pingable ? [] : ['role-not-pingable'] };
}

/** Discord's refusal to show a channel, as the problem to report. */
function refusalProblem(lookup: Exclude<ChannelLookup, { status: 'found' }>): TargetProblem {
  // Discord answers 403 for a channel the bot cannot see: View Channel is what is missing.
  return lookup.status === 'missing-access' ? { kind: 'missing-permissions', missing: ['ViewChannel'] } : { kind: 'unknown-channel' };
}

export interface TargetRequest {
  guildId: string;
  botUserId: string;
  channelId: string;
  roleId?: string;
}

/** Asks Discord for the facts (channel, a thread's parent, roles, the bot's member) and judges them. */
export async function inspectTarget(lookups: DiscordLookups, request: TargetRequest): Promise<TargetVerdict> {
  const { guildId, botUserId } = request;
  const [found, roles, member] = await Promise.all([lookups.channel(request.channelId), lookups.roles(guildId), lookups.member(guildId, botUserId)]);
  if (found.status !== 'found') return { ok: false, problem: refusalProblem(found) };
  if (!member) return { ok: false, problem: { kind: 'bot-not-member' } };
  const { channel } = found;
  let overwrites = 'permission_overwrites' in channel ? (channel.permission_overwrites ?? []) : [];
  if (THREADS.has(channel.type) && 'parent_id' in channel && channel.parent_id) {
    const parent = await lookups.channel(channel.parent_id);
    if (parent.status !== 'found') return { ok: false, problem: refusalProblem(parent) };
    overwrites = 'permission_overwrites' in parent.channel ? (parent.channel.permission_overwrites ?? []) : [];
  }
  return judgeTarget({
    guildId,
    botUserId,
    channel,
    overwrites,
    roles,
    botRoles: member.roles,
    ...(request.roleId === undefined ? {} : { roleId: request.roleId }),
  });
}
