// /timeline [topic] — events in date order, all or those of one topic or entity.
import { t } from '../src/i18n/t.js';
import type { CommandContext, SlashCommand } from '../src/interactions/command.js';
import { latestNewsAbout, lookupCommand } from '../src/interactions/lookup-command.js';
import { findTopicFilter, type TopicFilter, topicFilterById } from '../src/interactions/topic-filter.js';
import { TOPIC_KINDS } from '../src/knowledge/knowledge-base.js';
import type { Document } from '../src/render/document.js';
import { ProfileBuilder } from '../src/render/sections.js';
import { literal } from '../src/render/text.js';

/** The button state: `kind:id` ('' for every event). */
function stateOf(filter: TopicFilter): string {
  return filter.record === undefined ? '' : `${filter.record.kind}:${filter.record.id}`;
}

/** What a page button names, by kind and id only; a bare id is an older button's. */
function fromState(ctx: CommandContext, state: string): TopicFilter | undefined {
  if (state === '') return {};
  const separator = state.indexOf(':');
  const found = topicFilterById(ctx.kb, separator < 0 ? state : state.slice(separator + 1));
  return separator < 0 || found?.record?.kind === state.slice(0, separator) ? found : undefined;
}

function timelineDocument(ctx: CommandContext, filter: TopicFilter): Document {
  const { kb, language: lang } = ctx;
  const { record } = filter;
  const entries = kb.timeline(record?.id);
  const profile = new ProfileBuilder(kb, lang).timeline(entries);
  if (record !== undefined) profile.news(latestNewsAbout(ctx, record.id));
  const title = record === undefined ? t(lang, 'timeline.title') : t(lang, 'timeline.titleFor', { topic: literal(record.name[lang]) });
  return profile.build({ title, description: entries.length === 0 ? [t(lang, 'timeline.empty')] : [] });
}

export const timeline: SlashCommand = lookupCommand({
  name: 'timeline',
  key: 'command.timeline',
  option: { name: 'topic', required: false },
  kinds: TOPIC_KINDS,
  notFound: 'notFound.topic',
  find: (ctx, query) => findTopicFilter(ctx.kb, query),
  state: stateOf,
  fromState,
  document: timelineDocument,
  newsAbout: (filter) => filter.record?.id,
});
