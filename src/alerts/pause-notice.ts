// Tells a server's moderators that alerts to one of their channels stopped: a short
// message in the server's system channel, or else the first text channel the bot
// may post in. Best effort: a server where the bot can post nowhere hears nothing,
// and `/alerts list` still shows the pause.
import type { REST } from '@discordjs/rest';
import { ChannelType, PermissionFlagsBits, Routes } from 'discord-api-types/v10';
import type { APIChannel, APIGuild, APIGuildMember, APIRole, RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';
import { alertText } from './alert-messages.js';
import type { AlertLogger } from './delivery-worker.js';
import type { PauseReason, Subscription } from './subscriptions.js';

export interface PauseNoticeOptions {
  rest: REST;
  logger: AlertLogger;
  /** The bot's user id (a bot's equals its application id); asked from Discord when absent. */
  botUserId?: string;
}

const POSTABLE: ReadonlySet<ChannelType> = new Set([ChannelType.GuildText, ChannelType.GuildAnnouncement]);
const NEEDED = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages;
/** Channels tried before giving up, should Discord disagree with the computed permissions. */
const MAX_TRIES = 2;

type GuildChannel = Extract<APIChannel, { guild_id?: string; position: number }>;

/** Discord's permission arithmetic: the roles' permissions, then the channel's overwrites. */
export function channelPermissions(guild: Pick<APIGuild, 'id' | 'owner_id'> | undefined, guildId: string, roles: APIRole[], member: APIGuildMember, channel: GuildChannel, userId: string): bigint {
  if (guild?.owner_id === userId) return ~0n;
  const roleIds = new Set([guildId, ...member.roles]);
  let permissions = roles.filter((r) => roleIds.has(r.id)).reduce((all, r) => all | BigInt(r.permissions), 0n);
  if (permissions & PermissionFlagsBits.Administrator) return ~0n;
  const overwrites = channel.permission_overwrites ?? [];
  const apply = (allow: bigint, deny: bigint) => {
    permissions = (permissions & ~deny) | allow;
  };
  const everyone = overwrites.find((o) => o.id === guildId);
  if (everyone) apply(BigInt(everyone.allow), BigInt(everyone.deny));
  const fromRoles = overwrites.filter((o) => o.id !== guildId && roleIds.has(o.id));
  apply(fromRoles.reduce((a, o) => a | BigInt(o.allow), 0n), fromRoles.reduce((d, o) => d | BigInt(o.deny), 0n));
  const own = overwrites.find((o) => o.id === userId);
  if (own) apply(BigInt(own.allow), BigInt(own.deny));
  return permissions;
}

export function createPauseNotifier({ rest, logger, botUserId }: PauseNoticeOptions): (subscription: Subscription, reason: PauseReason) => Promise<void> {
  let botId: Promise<string> | undefined = botUserId === undefined ? undefined : Promise.resolve(botUserId);
  const ownId = () => (botId ??= (rest.get(Routes.user('@me')) as Promise<{ id: string }>).then((user) => user.id));

  /** Channels to try, the system channel first; never the channel that refused the alert. */
  async function candidates(guildId: string, refused: string): Promise<string[]> {
    const [guild, channels, roles, userId] = await Promise.all([
      // Optional: without it there is no system channel to prefer, and no owner shortcut.
      (rest.get(Routes.guild(guildId)) as Promise<APIGuild>).catch(() => undefined),
      rest.get(Routes.guildChannels(guildId)) as Promise<GuildChannel[]>,
      rest.get(Routes.guildRoles(guildId)) as Promise<APIRole[]>,
      ownId(),
    ]);
    const member = (await rest.get(Routes.guildMember(guildId, userId))) as APIGuildMember;
    const allowed = channels
      .filter((c) => POSTABLE.has(c.type) && c.id !== refused)
      .filter((c) => (channelPermissions(guild, guildId, roles, member, c, userId) & NEEDED) === NEEDED)
      .sort((a, b) => a.position - b.position)
      .map((c) => c.id);
    const system = guild?.system_channel_id;
    return system && allowed.includes(system) ? [system, ...allowed.filter((id) => id !== system)] : allowed;
  }

  return async (subscription, reason) => {
    const body: RESTPostAPIChannelMessageJSONBody = {
      content: alertText(subscription.language, `notice.paused.${reason}`, { channel: subscription.channelId, id: subscription.id }),
      allowed_mentions: { parse: [] },
    };
    for (const channelId of (await candidates(subscription.guildId, subscription.channelId)).slice(0, MAX_TRIES)) {
      try {
        await rest.post(Routes.channelMessages(channelId), { body });
        logger.info({ guildId: subscription.guildId, channelId, subscriptionId: subscription.id, reason }, 'moderators told about paused alerts');
        return;
      } catch (error) {
        logger.warn({ err: error, guildId: subscription.guildId, channelId }, 'could not post the paused-alerts notice here');
      }
    }
    logger.warn({ guildId: subscription.guildId, subscriptionId: subscription.id, reason }, 'found no channel for the paused-alerts notice');
  };
}
