// A topic or entity a command narrows its answer to (/timeline, /news): found by id
// first (autocomplete sends ids), then by name or alias, topics first.
import { type KnowledgeBase, type LookupKind, TOPIC_KINDS } from '../knowledge/knowledge-base.js';
import type { LocalizedText } from '../knowledge/schema.js';

/** A topic or entity to filter by; none means everything. */
export interface TopicFilter {
  record?: { kind: LookupKind; id: string; name: LocalizedText };
}

/** The topic or entity with exactly this id (topics and entities share one id space). */
export function topicFilterById(kb: KnowledgeBase, id: string): TopicFilter | undefined {
  const topic = kb.topic(id);
  if (topic !== undefined) return { record: { kind: 'topic', id, name: topic.name } };
  const entity = kb.entity(id);
  return entity === undefined ? undefined : { record: { kind: entity.kind, id, name: entity.name } };
}

/** An id first, then a name or alias, topics first; an empty query is no filter. */
export function findTopicFilter(kb: KnowledgeBase, query: string): TopicFilter | undefined {
  if (query.trim() === '') return {};
  const exact = topicFilterById(kb, query);
  if (exact !== undefined) return exact;
  for (const kind of TOPIC_KINDS) {
    const id = kb.resolve(kind, query);
    const found = id === undefined ? undefined : topicFilterById(kb, id);
    if (found?.record?.kind === kind) return found;
  }
  return undefined;
}
