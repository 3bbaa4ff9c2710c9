// /alerts add|remove|list|test|resume — moderators send news on a topic to a
// channel. Only for members who may manage the server, checked here again
// (default_member_permissions only hides the command); the server is always the
// interaction's, never an option's. Before a channel is saved or tested, the
// bot checks its type and its own permissions there and says what is missing.
import type { REST } from '@discordjs/rest';
import {
  type APIApplicationCommandOptionChoice,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChannelMessageJSONBody,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  Routes,
} from 'discord-api-types/v10';

import { alertMessage } from '../src/alerts/alert-message.js';
import { articlePublication } from '../src/alerts/article-publications.js';
import { pauseReason } from '../src/alerts/pause-reasons.js';
import type { Publication } from '../src/alerts/publication.js';
import { MAX_SUBSCRIPTIONS_PER_GUILD, newSubscriptionId, type Subscription, type SubscriptionRepository } from '../src/alerts/subscriptions.js';
import { topicLabel } from '../src/alerts/topic-matcher.js';
import { ALERT_CHANNEL_TYPES, channelTypeProblem, inspectTarget, type TargetProblem } from '../src/discord/channel-target.js';
import { createDiscordLookups } from '../src/discord/discord-lookups.js';
import { hasAll } from '../src/discord/permissions.js';
import { type Language, languageFor, LANGUAGES } from '../src/i18n/language.js';
import { en } from '../src/i18n/messages/en.js';
import { deLocalization, t } from '../src/i18n/t.js';
import type { AlertsCommandServices, CommandContext, CommandOptions, Reply, SlashCommand } from '../src/interactions/command.js';
import { localized, localizedOption, textOption } from '../src/interactions/definition.js';
import { optionText } from '../src/interactions/options.js';
import { UserError } from '../src/interactions/user-error.js';
import { type KnowledgeBase, TOPIC_KINDS } from '../src/knowledge/knowledge-base.js';
import { LIMITS } from '../src/render/discord-limits.js';
import { layOut } from '../src/render/document.js';
import { pageLabels } from '../src/render/paging.js';
import { suggestAcross, toChoices } from '../src/render/suggestions.js';
import { echo, literal, neutralizeMentions, truncate } from '../src/render/text.js';

/** Room for a topic name in list lines: 25 lines stay within one embed. */
const TOPIC_LABEL_MAX = 48;
const SNOWFLAKE = /^\d{17,20}$/;

type OptionName = 'topic' | 'channel' | 'role' | 'language' | 'subscription';

const optionNames = (option: OptionName) => localizedOption(`command.alerts.option.${option}`);

const subscriptionOption = {
  type: ApplicationCommandOptionType.String,
  ...optionNames('subscription'),
  required: true,
  autocomplete: true,
  max_length: 32,
} as const;

function subcommand(
  key: 'add' | 'remove' | 'list' | 'test' | 'resume',
  options: APIApplicationCommandSubcommandOption['options'] = [],
): APIApplicationCommandSubcommandOption {
  return { type: ApplicationCommandOptionType.Subcommand, ...localized(`command.alerts.${key}`), options };
}

const definition = {
  ...localized('command.alerts'),
  type: ApplicationCommandType.ChatInput,
  default_member_permissions: String(PermissionFlagsBits.ManageGuild),
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
  options: [
    subcommand('add', [
      textOption('command.alerts.option.topic', true),
      { type: ApplicationCommandOptionType.Channel, ...optionNames('channel'), required: true, channel_types: ALERT_CHANNEL_TYPES },
      { type: ApplicationCommandOptionType.Role, ...optionNames('role'), required: false },
      {
        type: ApplicationCommandOptionType.String,
        ...optionNames('language'),
        required: false,
        choices: LANGUAGES.map((lang) => ({
          name: t('en', `language.${lang}`),
          name_localizations: deLocalization(`language.${lang}`),
          value: lang,
        })),
      },
    ]),
    subcommand('remove', [subscriptionOption]),
    subcommand('list'),
    subcommand('test', [subscriptionOption]),
    subcommand('resume', [subscriptionOption]),
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** Where and by whom: a moderator of a server, with the services to act. */
interface Moderation {
  services: AlertsCommandServices;
  guildId: string;
  userId: string;
  lang: Language;
}

function canManage(permissions: string | undefined): boolean {
  return hasAll(permissions, PermissionFlagsBits.ManageGuild) || hasAll(permissions, PermissionFlagsBits.Administrator);
}

/** The moderation context, or the refusal (a DM, a member who may not manage the server, no alerts service). */
function moderation(ctx: CommandContext): Moderation {
  const { guildId, userId, memberPermissions } = ctx.interaction ?? {};
  if (guildId === undefined || userId === undefined) throw new UserError('alerts.guildOnly');
  if (!canManage(memberPermissions)) throw new UserError('alerts.notAllowed');
  const services = ctx.services?.alerts;
  if (services === undefined) throw new UserError('alerts.unavailable');
  return { services, guildId, userId, lang: ctx.language };
}

const roleMention = (id: string): string => `<@&${id}>`;

function label(kb: KnowledgeBase, topic: string, lang: Language): string {
  return truncate(topicLabel(kb, topic, lang), TOPIC_LABEL_MAX);
}

/** A topic or entity id from what the user chose or typed. */
function resolveTopic(kb: KnowledgeBase, query: string): string {
  if (kb.topic(query) ?? kb.entity(query)) return query;
  for (const kind of TOPIC_KINDS) {
    const id = kb.resolve(kind, query);
    if (id !== undefined) return id;
  }
  throw new UserError('alerts.unknownTopic', { query: echo(query, 100) });
}

function problemError(problem: TargetProblem, channelId: string, lang: Language): UserError {
  const permissions = problem.kind === 'missing-permissions' ? problem.missing.map((name) => `**${t(lang, `permission.${name}`)}**`).join(', ') : '';
  return new UserError(`alerts.problem.${problem.kind}`, { channel: channelId, permissions });
}

/** Checks the channel (and role) as the bot sees them: problems as an error, warnings as lines for the reply. */
async function channelWarnings(m: Moderation, channelId: string, roleId: string | undefined): Promise<string[]> {
  const { services, guildId } = m;
  const verdict = await inspectTarget(services.lookups, {
    guildId,
    botUserId: services.botUserId,
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

const reply = (lines: readonly string[]): Reply => ({ content: lines.join('\n\n'), ephemeral: true });

async function subscriptionOf(m: Moderation, options: CommandOptions): Promise<Subscription> {
  const id = optionText(options, 'subscription');
  const found = await m.services.subscriptions.get(m.guildId, id);
  if (!found) throw new UserError('alerts.unknownSubscription', { id: echo(id, 40) });
  return found;
}

async function add(ctx: CommandContext, m: Moderation, options: CommandOptions): Promise<Reply> {
  const topic = resolveTopic(ctx.kb, optionText(options, 'topic'));
  const channelId = optionText(options, 'channel');
  const roleId = optionText(options, 'role') || undefined;
  if (!SNOWFLAKE.test(channelId)) throw new UserError('alerts.problem.unknown-channel');
  if (roleId !== undefined && !SNOWFLAKE.test(roleId)) throw new UserError('alerts.problem.unknown-role');
  // Discord already told us the channel's type: a forum needs no lookups to be explained.
  const resolvedType = ctx.interaction?.resolved?.channels?.[channelId]?.type;
  const typeProblem = resolvedType === undefined ? undefined : channelTypeProblem(resolvedType);
  if (typeProblem) throw problemError(typeProblem, channelId, m.lang);
  const warnings = await channelWarnings(m, channelId, roleId);

  const chosen = optionText(options, 'language');
  const language = LANGUAGES.find((lang) => lang === chosen) ?? languageFor(ctx.interaction?.guildLocale);
  const subscription: Subscription = {
    id: newSubscriptionId(),
    guildId: m.guildId,
    channelId,
    topic,
    ...(roleId === undefined ? {} : { roleId }),
    language,
    createdBy: m.userId,
    createdAt: new Date().toISOString(),
  };
  const result = await m.services.subscriptions.add(subscription);
  const topicName = literal(label(ctx.kb, topic, m.lang));
  switch (result.status) {
    case 'limit':
      throw new UserError('alerts.limit', { limit: result.limit });
    case 'duplicate':
      throw new UserError('alerts.duplicate', { channel: channelId, topic: topicName, id: result.existing.id });
    case 'added':
      return reply([
        t(m.lang, 'alerts.added', {
          topic: topicName,
          channel: channelId,
          role: roleId === undefined ? '' : t(m.lang, 'alerts.rolePart', { role: roleMention(roleId) }),
          language: t(m.lang, `language.${language}`),
          id: subscription.id,
        }),
        ...warnings,
      ]);
  }
}

async function remove(ctx: CommandContext, m: Moderation, options: CommandOptions): Promise<Reply> {
  const id = optionText(options, 'subscription');
  const removed = await m.services.subscriptions.remove(m.guildId, id);
  if (!removed) throw new UserError('alerts.unknownSubscription', { id: echo(id, 40) });
  return reply([t(m.lang, 'alerts.removed', { topic: literal(label(ctx.kb, removed.topic, m.lang)), channel: removed.channelId })]);
}

function pausedSince(at: string): string {
  const time = Date.parse(at);
  return Number.isNaN(time) ? '?' : `<t:${Math.floor(time / 1000)}:f>`;
}

async function list(ctx: CommandContext, m: Moderation): Promise<Reply> {
  const { lang } = m;
  const subscriptions = await m.services.subscriptions.list(m.guildId);
  if (subscriptions.length === 0) return reply([t(lang, 'alerts.list.empty')]);
  const lines = subscriptions.map((s) => {
    const line = t(lang, 'alerts.list.line', {
      topic: literal(label(ctx.kb, s.topic, lang)),
      channel: s.channelId,
      role: s.roleId === undefined ? '' : ` · ${roleMention(s.roleId)}`,
      language: t(lang, `language.${s.language}`),
      id: s.id,
    });
    const paused = s.paused && t(lang, 'alerts.list.paused', { date: pausedSince(s.paused.at), reason: t(lang, `alerts.pause.${s.paused.reason}`) });
    return paused ? `${line}\n${paused}` : line;
  });
  const reasons = [...new Set(subscriptions.flatMap((s) => (s.paused ? [s.paused.reason] : [])))];
  const fixes = reasons.map((reason) => `• ${t(lang, `alerts.fix.${reason}`)}`);
  // Fields, not the description: they hold more (6000 in all) than one description (4096).
  const sections = [
    { name: t(lang, 'alerts.list.section'), lines },
    ...(fixes.length === 0 ? [] : [{ name: t(lang, 'alerts.list.fixes'), lines: fixes }]),
  ];
  const doc = {
    title: t(lang, 'alerts.list.title', { count: subscriptions.length, limit: MAX_SUBSCRIPTIONS_PER_GUILD }),
    description: [],
    sections,
    footer: t(lang, 'footer.brand'),
  };
  // At most MAX_SUBSCRIPTIONS_PER_GUILD short lines: always one page (tested with the longest).
  return { embeds: [layOut(doc, pageLabels(lang)).page(0)], ephemeral: true };
}

/** A sample publication when the knowledge base has no article on the topic yet. */
function samplePublication(topic: string, name: string, lang: Language): Publication {
  return {
    id: `sample:${topic}`,
    title: t(lang, 'alerts.sampleTitle', { topic: name }),
    summary: t(lang, 'alerts.sampleSummary'),
    source: { kind: 'article', articleId: 'sample' },
    declaredTopics: [topic],
  };
}

/** The alert a real publication on the topic would bring (the newest article about it), marked as a test. */
function testAlertBody(kb: KnowledgeBase, subscription: Subscription, testId: string): RESTPostAPIChannelMessageJSONBody {
  const lang = subscription.language;
  const name = topicLabel(kb, subscription.topic, lang);
  const article = kb.articlesAbout(subscription.topic)[0];
  const publication = article ? articlePublication(article) : samplePublication(subscription.topic, name, lang);
  const body = alertMessage({ publication, subscription, topicNames: [name], deliveryId: `test:${testId}` });
  const note = t(lang, 'alerts.testNote', { topic: literal(truncate(name, TOPIC_LABEL_MAX)) });
  return { ...body, content: body.content ? `${body.content}\n${note}` : note };
}

async function test(ctx: CommandContext, m: Moderation, options: CommandOptions): Promise<Reply> {
  const subscription = await subscriptionOf(m, options);
  const { channelId, roleId } = subscription;
  const warnings = await channelWarnings(m, channelId, roleId);
  try {
    await m.services.sendTestAlert(channelId, testAlertBody(ctx.kb, subscription, ctx.interaction?.id ?? subscription.id));
  } catch (error) {
    const reason = pauseReason(error);
    if (reason === undefined) throw error;
    throw new UserError('alerts.testRefused', { channel: channelId, reason: t(m.lang, `alerts.pause.${reason}`) });
  }
  return reply([t(m.lang, 'alerts.testSent', { channel: channelId, topic: literal(label(ctx.kb, subscription.topic, m.lang)) }), ...warnings]);
}

async function resume(_ctx: CommandContext, m: Moderation, options: CommandOptions): Promise<Reply> {
  const subscription = await subscriptionOf(m, options);
  const { channelId, roleId } = subscription;
  if (!subscription.paused) return reply([t(m.lang, 'alerts.notPaused', { channel: channelId })]);
  // Resumed only when the channel works again; else the next alert would pause it at once.
  const warnings = await channelWarnings(m, channelId, roleId);
  await m.services.subscriptions.resume(m.guildId, subscription.id);
  return reply([t(m.lang, 'alerts.resumed', { channel: channelId }), ...warnings]);
}

/** Autocomplete for the subscription option: the guild's own, labelled with topic and channel name. */
async function subscriptionChoices(
  ctx: CommandContext,
  m: Moderation,
  typed: string,
  onlyPaused: boolean,
): Promise<APIApplicationCommandOptionChoice[]> {
  const { lang } = m;
  const [subscriptions, channels] = await Promise.all([
    m.services.subscriptions.list(m.guildId),
    // Names are a nicety: without them the label shows the channel id.
    m.services.lookups.channelNames(m.guildId).catch(() => []),
  ]);
  const names = new Map(channels.map((c) => [c.id, c.name]));
  const query = typed.trim().toLowerCase();
  return subscriptions
    .filter((s) => !onlyPaused || s.paused)
    .map((s) => {
      const base = t(lang, 'alerts.choice', {
        topic: topicLabel(ctx.kb, s.topic, lang),
        channel: names.get(s.channelId) ?? s.channelId,
        language: t(lang, `language.${s.language}`),
      });
      return { name: truncate(s.paused ? t(lang, 'alerts.choice.paused', { label: base }) : base, LIMITS.choiceName), value: s.id };
    })
    .filter((choice) => query === '' || choice.value.toLowerCase() === query || choice.name.toLowerCase().includes(query))
    .slice(0, LIMITS.choices);
}

const HANDLERS: Record<string, (ctx: CommandContext, m: Moderation, options: CommandOptions) => Promise<Reply>> = {
  [en['command.alerts.add']]: add,
  [en['command.alerts.remove']]: remove,
  [en['command.alerts.list']]: list,
  [en['command.alerts.test']]: test,
  [en['command.alerts.resume']]: resume,
};

export const alerts: SlashCommand = {
  definition,
  deferEphemeral: true,
  execute(ctx, options) {
    const m = moderation(ctx);
    const subcommand = options.subcommand ?? '';
    // Own keys only: a subcommand named `constructor` or `__proto__` is unknown, not Object's.
    const handler = Object.hasOwn(HANDLERS, subcommand) ? HANDLERS[subcommand] : undefined;
    if (handler === undefined) throw new UserError('error.unsupported');
    return handler(ctx, m, options);
  },
  async autocomplete(ctx, focused, options) {
    if (focused.name === 'topic') return toChoices(suggestAcross(ctx.kb, TOPIC_KINDS, focused.value, ctx.language, LIMITS.choices));
    if (focused.name !== 'subscription') return [];
    let m: Moderation;
    try {
      m = moderation(ctx);
    } catch (error) {
      // Not a moderator here (or no service): nothing to offer.
      if (error instanceof UserError) return [];
      throw error;
    }
    return subscriptionChoices(ctx, m, focused.value, options.subcommand === en['command.alerts.resume']);
  },
};

export interface AlertsServicesOptions {
  /** The REST client alerts are delivered with. */
  rest: REST;
  subscriptions: SubscriptionRepository;
  botUserId: string;
}

/** The services /alerts needs, for the composition root to hand to respond(). */
export function alertsCommandServices({ rest, subscriptions, botUserId }: AlertsServicesOptions): AlertsCommandServices {
  return {
    subscriptions,
    botUserId,
    lookups: createDiscordLookups(rest),
    async sendTestAlert(channelId, body) {
      await rest.post(Routes.channelMessages(channelId), { body });
    },
  };
}
