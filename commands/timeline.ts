// /timeline [topic] — events in date order, all or those of one topic or entity.
import { t } from '../src/i18n/t.js';
import type { CommandContext, SlashCommand } from '../src/interactions/command.js';
import { lookupCommand } from '../src/interactions/lookup-command.js';
import { type KnowledgeBase, type LookupKind, TOPIC_KINDS } from '../src/knowledge/knowledge-base.js';
import type { LocalizedText } from '../src/knowledge/schema.js';
import type { Document } from '../src/render/document.js';
import { ProfileBuilder } from '../src/render/sections.js';
import { literal } from '../src/render/text.js';

/** A topic or entity to filter by; none means every event. */
interface Filter {
  record?: { kind: LookupKind; id: string; name: LocalizedText };
}

/** The topic or entity with exactly this id (topics and entities share one id space). */
function byId(kb: KnowledgeBase, id: string): Filter | undefined {
  const topic = kb.topic(id);
  if (topic !== undefined) return { record: { kind: 'topic', id, name: topic.name } };
  const entity = kb.entity(id);
  return entity === undefined ? undefined : { record: { kind: entity.kind, id, name: entity.name } };
}

/** An id first (autocomplete sends ids), then a name or alias, topics first. */
function findFilter(ctx: CommandContext, query: string): Filter | undefined {
  if (query.trim() === '') return {};
  const { kb } = ctx;
  const exact = byId(kb, query);
  if (exact !== undefined) return exact;
  for (const kind of TOPIC_KINDS) {
    const id = kb.resolve(kind, query);
    const found = id === undefined ? undefined : byId(kb, id);
    if (found?.record?.kind === kind) return found;
  }
  return undefined;
}

/** The button state: `kind:id` ('' for every event). */
function stateOf(filter: Filter): string {
  return filter.record === undefined ? '' : `${filter.record.kind}:${filter.record.id}`;
}

/** What a page button names, by kind and id only; a bare id is an older button's. */
function fromState(ctx: CommandContext, state: string): Filter | undefined {
  if (state === '') return {};
  const separator = state.indexOf(':');
  const found = byId(ctx.kb, separator < 0 ? state : state.slice(separator + 1));
  return separator < 0 || found?.record?.kind === state.slice(0, separator) ? found : undefined;
}

function timelineDocument(ctx: CommandContext, filter: Filter): Document {
  const { kb, language: lang } = ctx;
  const { record } = filter;
  const entries = kb.timeline(record?.id);
  const profile = new ProfileBuilder(kb, lang).timeline(entries);
  const title = record === undefined ? t(lang, 'timeline.title') : t(lang, 'timeline.titleFor', { topic: literal(record.name[lang]) });
  return profile.build({ title, description: entries.length === 0 ? [t(lang, 'timeline.empty')] : [] });
}

export const timeline: SlashCommand = lookupCommand({
  name: 'timeline',
  key: 'command.timeline',
  option: { name: 'topic', required: false },
  kinds: TOPIC_KINDS,
  notFound: 'notFound.topic',
  find: findFilter,
  state: stateOf,
  fromState,
  document: timelineDocument,
});
