// /alerts add topic channel [role] [language] — subscribes a channel to a topic,
// after checking the channel's type and the bot's permissions there.
import { newSubscriptionId, type Subscription } from '../../src/alerts/subscriptions.js';
import { channelTypeProblem } from '../../src/discord/channel-target.js';
import { languageFor, LANGUAGES } from '../../src/i18n/language.js';
import { t } from '../../src/i18n/t.js';
import type { CommandContext } from '../../src/interactions/command.js';
import type { ArgumentsOf } from '../../src/interactions/options.js';
import { UserError } from '../../src/interactions/user-error.js';
import { type KnowledgeBase, TOPIC_KINDS } from '../../src/knowledge/knowledge-base.js';
import type { Reply } from '../../src/render/reply.js';
import { echo, literal } from '../../src/render/text.js';
import type { addDefinition } from './definition.js';
import { channelWarnings, label, type Moderation, problemError, reply, roleMention } from './moderation.js';

const SNOWFLAKE = /^\d{17,20}$/;

/** A topic or entity id from what the user chose or typed. */
function resolveTopic(kb: KnowledgeBase, query: string): string {
  if (kb.topic(query) ?? kb.entity(query)) return query;
  for (const kind of TOPIC_KINDS) {
    const id = kb.resolve(kind, query);
    if (id !== undefined) return id;
  }
  throw new UserError('alerts.unknownTopic', { query: echo(query, 100) });
}

export async function add(ctx: CommandContext, m: Moderation, args: ArgumentsOf<typeof addDefinition.options>): Promise<Reply> {
  const topic = resolveTopic(ctx.kb, args.topic);
  const channelId = args.channel;
  const roleId = args.role || undefined;
  if (!SNOWFLAKE.test(channelId)) throw new UserError('alerts.problem.unknown-channel');
  if (roleId !== undefined && !SNOWFLAKE.test(roleId)) throw new UserError('alerts.problem.unknown-role');
  // Discord already told us the channel's type: a forum needs no lookups to be explained.
  const resolvedType = ctx.interaction?.resolved?.channels?.[channelId]?.type;
  const typeProblem = resolvedType === undefined ? undefined : channelTypeProblem(resolvedType);
  if (typeProblem) throw problemError(typeProblem, channelId, m.lang);
  const warnings = await channelWarnings(m, channelId, roleId);

  const language = LANGUAGES.find((lang) => lang === args.language) ?? languageFor(ctx.interaction?.guildLocale);
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
  const result = await m.deps.subscriptions.add(subscription);
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
