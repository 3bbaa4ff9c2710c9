// Topics of a draft, from the knowledge base's own records: a topic the text
// names (its name or an alias), and a topic whose name names only entities the
// text names too ("Konflikt zwischen Armenien und Aserbaidschan" once both
// Armenia and Azerbaijan are found).
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { createTopicMatcher, namedRecords, topicMatcherFor } from '../knowledge/topic-matcher.js';

export interface TopicsFinder {
  /** Topics named in `text` or implied by `entities`, sorted. */
  forText(text: string, entities: readonly string[]): string[];
  /** Topics implied by `entities` alone, sorted. */
  forEntities(entities: readonly string[]): string[];
}

export function topicsFinder(kb: KnowledgeBase): TopicsFinder {
  const matcher = topicMatcherFor(kb);
  // Entities only: with topics in it, a topic's name would match the topic itself.
  const entityMatcher = createTopicMatcher(namedRecords(kb).filter((record) => kb.entity(record.id) !== undefined));
  const entitiesOfTopic = kb.topics
    .map((topic) => ({
      id: topic.id,
      entities: new Set([...entityMatcher.match(topic.name.de), ...entityMatcher.match(topic.name.en)]),
    }))
    .filter((topic) => topic.entities.size > 0);
  const forEntities = (entities: readonly string[]): string[] => {
    const found = new Set(entities);
    return entitiesOfTopic
      .filter((topic) => [...topic.entities].every((id) => found.has(id)))
      .map((topic) => topic.id)
      .sort();
  };
  return {
    forEntities,
    forText: (text, entities) =>
      [...new Set([...[...matcher.match(text)].filter((id) => kb.topic(id) !== undefined), ...forEntities(entities)])].sort(),
  };
}
