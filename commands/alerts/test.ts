// /alerts test alert — posts a sample alert to the subscription's channel, the
// real way, and says why Discord refused it if it did.
import type { RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';

import { alertMessage } from '../../src/alerts/alert-message.js';
import { articlePublication } from '../../src/alerts/article-publications.js';
import type { Publication } from '../../src/alerts/publication.js';
import type { Subscription } from '../../src/alerts/subscriptions.js';
import { discordRefusal } from '../../src/discord/refusal.js';
import type { Language } from '../../src/i18n/language.js';
import { t } from '../../src/i18n/t.js';
import type { CommandContext } from '../../src/interactions/command.js';
import type { ArgumentsOf } from '../../src/interactions/options.js';
import { UserError } from '../../src/interactions/user-error.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { topicLabel } from '../../src/knowledge/topic-matcher.js';
import type { Reply } from '../../src/render/reply.js';
import { literal, truncate } from '../../src/render/text.js';
import type { testDefinition } from './definition.js';
import { channelWarnings, label, type Moderation, reply, subscriptionOf, TOPIC_LABEL_MAX } from './moderation.js';

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

export async function test(ctx: CommandContext, m: Moderation, args: ArgumentsOf<typeof testDefinition.options>): Promise<Reply> {
  const subscription = await subscriptionOf(m, args.alert);
  const { channelId, roleId } = subscription;
  const warnings = await channelWarnings(m, channelId, roleId);
  try {
    await m.deps.postMessage(channelId, testAlertBody(ctx.kb, subscription, ctx.interaction?.id ?? subscription.id));
  } catch (error) {
    const refusal = discordRefusal(error);
    if (refusal.kind !== 'pause') throw error;
    throw new UserError('alerts.testRefused', { channel: channelId, reason: t(m.lang, `alerts.pause.${refusal.reason}`) });
  }
  return reply([t(m.lang, 'alerts.testSent', { channel: channelId, topic: literal(label(ctx.kb, subscription.topic, m.lang)) }), ...warnings]);
}
