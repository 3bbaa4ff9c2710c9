// Tells a server's moderators that alerts to one of their channels stopped: a short
// message in the server's system channel, or else the first text channel the bot
// may post in. Best effort: a server where the bot can post nowhere hears nothing,
// and `/alerts list` still shows the pause.
import type { RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';
import { PermissionFlagsBits } from 'discord-api-types/v10';

import { channelKind } from '../discord/channel-target.js';
import type { GuildLookups } from '../discord/discord-lookups.js';
import { channelPermissions, hasAll } from '../discord/permissions.js';
import type { PostMessage } from '../discord/post-message.js';
import { t } from '../i18n/t.js';
import type { AlertLogger } from './delivery-worker.js';
import type { PauseReason, Subscription } from './subscriptions.js';

export interface PauseNoticeOptions {
  postMessage: PostMessage;
  lookups: GuildLookups;
  logger: AlertLogger;
  /** The bot's user id (a bot's equals its application id). */
  botUserId: string;
}

/** A plain message without embeds: seeing the channel and sending there is enough. */
const NEEDED = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages;
/** Channels tried before giving up, should Discord disagree with the computed permissions. */
const MAX_TRIES = 2;

/** The notice in the subscription's language: which alerts stopped, and how to fix the channel. */
export function pauseNotice(subscription: Subscription, reason: PauseReason): string {
  const lang = subscription.language;
  return t(lang, 'alerts.notice.paused', { channel: subscription.channelId, id: subscription.id, fix: t(lang, `alerts.fix.${reason}`) });
}

export function createPauseNotifier({
  postMessage,
  lookups,
  logger,
  botUserId,
}: PauseNoticeOptions): (subscription: Subscription, reason: PauseReason) => Promise<void> {
  /** Channels to try, the system channel first; never the channel that refused the alert. */
  async function candidates(guildId: string, refused: string): Promise<string[]> {
    const [guild, channels, roles] = await Promise.all([
      // Optional: without it there is no system channel to prefer, and no owner shortcut.
      lookups.guild(guildId).catch(() => undefined),
      lookups.channels(guildId),
      lookups.roles(guildId),
    ]);
    const member = await lookups.member(guildId, botUserId);
    // No longer in the server: there is no one to tell.
    if (!member) return [];
    const subject = { guildId, ...(guild ? { ownerId: guild.owner_id } : {}), roles, userId: botUserId, memberRoles: member.roles };
    const allowed = channels
      // Text and announcement channels (Discord lists no threads here).
      .filter((c) => channelKind(c.type) === 'text' && c.id !== refused)
      .filter((c) => hasAll(channelPermissions(subject, c.permission_overwrites ?? []), NEEDED))
      .sort((a, b) => a.position - b.position)
      .map((c) => c.id);
    const system = guild?.system_channel_id;
    return system && allowed.includes(system) ? [system, ...allowed.filter((id) => id !== system)] : allowed;
  }

  return async (subscription, reason) => {
    const body: RESTPostAPIChannelMessageJSONBody = {
      content: pauseNotice(subscription, reason),
      allowed_mentions: { parse: [] },
    };
    for (const channelId of (await candidates(subscription.guildId, subscription.channelId)).slice(0, MAX_TRIES)) {
      try {
        await postMessage(channelId, body);
        logger.info({ guildId: subscription.guildId, channelId, subscriptionId: subscription.id, reason }, 'moderators told about paused alerts');
        return;
      } catch (error) {
        logger.warn({ err: error, guildId: subscription.guildId, channelId }, 'could not post the paused-alerts notice here');
      }
    }
    logger.warn({ guildId: subscription.guildId, subscriptionId: subscription.id, reason }, 'found no channel for the paused-alerts notice');
  };
}
