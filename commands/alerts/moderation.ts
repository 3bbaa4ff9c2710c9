// What every /alerts subcommand shares: the services the composition root
// gives the command, the moderator check (only members who may manage the
// server; the server is always the interaction's, never an option's), and the
// channel check that says what is missing before a channel is saved or tested.
import { PermissionFlagsBits, type RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';

import type { Subscription, SubscriptionRepository } from '../../src/alerts/subscriptions.js';
import { inspectTarget, type TargetProblem } from '../../src/discord/channel-target.js';
import type { DiscordLookups } from '../../src/discord/discord-lookups.js';
import { hasAll } from '../../src/discord/permissions.js';
import type { Language } from '../../src/i18n/language.js';
import { t } from '../../src/i18n/t.js';
import type { CommandContext } from '../../src/interactions/command.js';
import { UserError } from '../../src/interactions/user-error.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { topicLabel } from '../../src/knowledge/topic-matcher.js';
import type { Reply } from '../../src/render/reply.js';
import { echo, neutralizeMentions, truncate } from '../../src/render/text.js';

/** What /alerts needs beyond the knowledge base; the composition root builds it. */
export interface AlertsCommandDeps {
  subscriptions: SubscriptionRepository;
  lookups: DiscordLookups;
  /** Posts a message to a channel the way alerts are posted (REST); rejects with Discord's error. */
  postMessage(channelId: string, body: RESTPostAPIChannelMessageJSONBody): Promise<void>;
  /** The bot's user id (equal to its application id). */
  botUserId: string;
}

/** Where and by whom: a moderator of a server, with the services to act. */
export interface Moderation {
  deps: AlertsCommandDeps;
  guildId: string;
  userId: string;
  lang: Language;
}

/** Room for a topic name in list lines: 25 lines stay within one embed. */
export const TOPIC_LABEL_MAX = 48;

function canManage(permissions: string | undefined): boolean {
  return hasAll(permissions, PermissionFlagsBits.ManageGuild) || hasAll(permissions, PermissionFlagsBits.Administrator);
}

/** The moderation context, or the refusal (a DM, a member who may not manage the server, no alerts services). */
export function moderation(ctx: CommandContext, deps: AlertsCommandDeps | undefined): Moderation {
  const { guildId, userId, memberPermissions } = ctx.interaction ?? {};
  if (guildId === undefined || userId === undefined) throw new UserError('alerts.guildOnly');
  if (!canManage(memberPermissions)) throw new UserError('alerts.notAllowed');
  if (deps === undefined) throw new UserError('alerts.unavailable');
  return { deps, guildId, userId, lang: ctx.language };
}

export const roleMention = (id: string): string => `<@&${id}>`;

export function label(kb: KnowledgeBase, topic: string, lang: Language): string {
  return truncate(topicLabel(kb, topic, lang), TOPIC_LABEL_MAX);
}

export function problemError(problem: TargetProblem, channelId: string, lang: Language): UserError {
  const permissions = problem.kind === 'missing-permissions' ? problem.missing.map((name) => `**${t(lang, `permission.${name}`)}**`).join(', ') : '';
  return new UserError(`alerts.problem.${problem.kind}`, { channel: channelId, permissions });
}

/** Checks the channel (and role) as the bot sees them: problems as an error, warnings as lines for the reply. */
export async function channelWarnings(m: Moderation, channelId: string, roleId: string | undefined): Promise<string[]> {
  const { deps, guildId } = m;
  const verdict = await inspectTarget(deps.lookups, {
    guildId,
    botUserId: deps.botUserId,
    channelId,
    ...(roleId === undefined ? {} : { roleId }),
  });
  if (!verdict.ok) throw problemError(verdict.problem, channelId, m.lang);
  return verdict.warnings.map((warning) =>
    t(m.lang, `alerts.warning.${warning}`, {
      role: roleMention(roleId ?? ''),
      permission: neutralizeMentions(t(m.lang, 'permission.MentionEveryone')),
      channel: channelId,
    }),
  );
}

export const reply = (lines: readonly string[]): Reply => ({ content: lines.join('\n\n'), ephemeral: true });

/** The server's subscription with that id, or the refusal. */
export async function subscriptionOf(m: Moderation, id: string): Promise<Subscription> {
  const found = await m.deps.subscriptions.get(m.guildId, id);
  if (!found) throw new UserError('alerts.unknownSubscription', { id: echo(id, 40) });
  return found;
}
