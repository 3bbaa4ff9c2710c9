// /timeline [topic] — events in date order, all or those of one topic or entity.
import { t } from '../src/i18n/t.js';
import type { CommandContext, SlashCommand } from '../src/interactions/command.js';
import { lookupCommand } from '../src/interactions/lookup-command.js';
import { TOPIC_KINDS } from '../src/knowledge/knowledge-base.js';
import type { LocalizedText } from '../src/knowledge/schema.js';
import type { Document } from '../src/render/document.js';
import { ProfileBuilder } from '../src/render/sections.js';
import { literal } from '../src/render/text.js';

/** A topic or entity to filter by; no id means every event. */
interface Filter {
  id?: string;
  name?: LocalizedText;
}

function findFilter(ctx: CommandContext, query: string): Filter | undefined {
  if (query.trim() === '') return {};
  const { kb } = ctx;
  for (const kind of TOPIC_KINDS) {
    const id = kb.resolve(kind, query);
    const name = id === undefined ? undefined : (kb.topic(id) ?? kb.entity(id))?.name;
    if (id !== undefined && name !== undefined) return { id, name };
  }
  return undefined;
}

function timelineDocument(ctx: CommandContext, filter: Filter): Document {
  const { kb, language: lang } = ctx;
  const entries = kb.timeline(filter.id);
  const profile = new ProfileBuilder(kb, lang).timeline(entries);
  const title = filter.name === undefined ? t(lang, 'timeline.title') : t(lang, 'timeline.titleFor', { topic: literal(filter.name[lang]) });
  return profile.build({ title, description: entries.length === 0 ? [t(lang, 'timeline.empty')] : [] });
}

export const timeline: SlashCommand = lookupCommand({
  name: 'timeline',
  key: 'command.timeline',
  option: { name: 'topic', required: false },
  kinds: TOPIC_KINDS,
  notFound: 'notFound.topic',
  find: findFilter,
  state: (found) => found.id ?? '',
  document: timelineDocument,
});
