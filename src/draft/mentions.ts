// Which known entities each paragraph names. Names, aliases and their forms are
// the knowledge base's matcher's business (topicMatcherFor); this file only adds
// people named by office alone ("der Premierminister von Armenien"), read from
// the roles the knowledge base records for them ("Premierminister Armeniens").
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { Entity } from '../knowledge/schema.js';
import { createTopicMatcher, type NamedRecord, type TopicMatcher, topicMatcherFor } from '../knowledge/topic-matcher.js';
import type { Paragraph } from './paragraphs.js';

export interface Mentions {
  /** Entity ids by the paragraphs that name them, in order of first mention. */
  byEntity: Map<string, number[]>;
  /** Entity ids named in each paragraph (by paragraph number). */
  byParagraph: Map<number, Set<string>>;
  /** People found only by their office, with the paragraph: the link to the person is ours, the curator confirms it. */
  byOffice: { id: string; paragraph: number }[];
}

export interface EntityFinder {
  /** Known entity ids named in `text` (not topics). */
  entities(text: string): Set<string>;
  /** People named by office only in `text`. */
  offices(text: string): Set<string>;
}

export function entityFinder(kb: KnowledgeBase): EntityFinder {
  const matcher = topicMatcherFor(kb);
  const offices = officeMatcher(kb);
  return {
    entities: (text) => new Set([...matcher.match(text)].filter((id) => kb.entity(id) !== undefined)),
    offices: (text) => offices.match(text),
  };
}

export function findMentions(paragraphs: readonly Paragraph[], finder: EntityFinder): Mentions {
  const byEntity = new Map<string, number[]>();
  const byParagraph = new Map<number, Set<string>>();
  const byOffice: Mentions['byOffice'] = [];
  for (const { number, text } of paragraphs) {
    const named = finder.entities(text);
    for (const id of finder.offices(text)) {
      if (!named.has(id)) byOffice.push({ id, paragraph: number });
      named.add(id);
    }
    byParagraph.set(number, named);
    for (const id of named) {
      const list = byEntity.get(id) ?? [];
      if (!byEntity.has(id)) byEntity.set(id, list);
      list.push(number);
    }
  }
  return { byEntity, byParagraph, byOffice };
}

/**
 * A matcher of the offices people hold, in the forms a text uses: the role as
 * recorded, without its parenthesis, and with the country in the genitive
 * ("Präsident Tadschikistans") also as "von" + name ("Präsident von
 * Tadschikistan") and the other way round.
 */
function officeMatcher(kb: KnowledgeBase): TopicMatcher {
  const records: NamedRecord[] = [];
  for (const person of kb.entitiesOfKind('person')) {
    const country: Entity | undefined = person.country === undefined ? undefined : kb.entity(person.country);
    const names = person.roles.flatMap((role) => [role.text.de, role.text.en]).map((text) => text.replace(/\s*\([^)]*\)/g, '').trim());
    const forms = new Set(names);
    if (country) {
      for (const name of names) {
        const german = country.name.de;
        if (name.endsWith(` ${german}s`)) forms.add(`${name.slice(0, -german.length - 2)} von ${german}`);
        if (name.endsWith(` von ${german}`)) forms.add(`${name.slice(0, -german.length - 5)} ${german}s`);
      }
    }
    records.push({ id: person.id, names: [...forms].filter((form) => form.split(/\s+/).length >= 2) });
  }
  return createTopicMatcher(records);
}
