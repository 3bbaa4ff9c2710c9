// Builds the in-memory KnowledgeBase from a validated Dataset: every index a
// command needs is computed once here, so answering is lookups only.
import type { Language } from '../i18n/language.js';
import {
  type Dataset,
  ENTITY_KINDS,
  type KnowledgeBase,
  type LookupKind,
  type Membership,
  type QuoteRef,
  type TimelineEntry,
} from './knowledge-base.js';
import { createLookupIndex, type LookupIndex, type LookupRecord } from './lookup-index.js';
import { fold } from './normalize.js';
import type { Article, Entity, EntityKind, Topic } from './schema.js';
import { articleDocuments, newestFirst, type PreparedSearch, searchDocuments } from './search-documents.js';
import { createSearchIndex } from './search-index.js';
import { buildSearchTables, type SearchTables } from './search-tables.js';

const MAX_SUGGESTIONS = 25;
const DEFAULT_SEARCH_LIMIT = 10;
const MAX_SEARCH_LIMIT = 25;

export function createKnowledgeBase(dataset: Dataset): KnowledgeBase {
  return withSearch(indexDataset(dataset));
}

/**
 * The same, with the search index prepared elsewhere meanwhile: everything else
 * is built first, then the index is awaited. An index made for other articles
 * than these (the files changed between two reads) is not used; it is built here.
 */
export async function buildKnowledgeBase(dataset: Dataset, prepared: Promise<PreparedSearch | undefined>): Promise<KnowledgeBase> {
  const parts = indexDataset(dataset);
  const search = await prepared;
  const fits =
    search !== undefined &&
    search.articleIds.length === parts.articles.length &&
    parts.articles.every((article, i) => article.id === search.articleIds[i]) &&
    search.tables.kinds.length === parts.documents.length;
  return withSearch(parts, fits ? search.tables : undefined);
}

function indexDataset(dataset: Dataset) {
  const articles = [...dataset.articles].sort(newestFirst);
  const articleById = new Map(articles.map((a) => [a.id, a]));
  const entityById = new Map(dataset.entities.map((e) => [e.id, e]));
  const topicById = new Map(dataset.topics.map((t) => [t.id, t]));

  const about = new Map<string, Article[]>();
  const quotesByExpert = new Map<string, QuoteRef[]>();
  // Quotes by topic and by the entities they are about (`about`), newest article first.
  const quotesBySubject = new Map<string, QuoteRef[]>();
  for (const article of articles) {
    const named = new Set([...article.topics, ...article.entities]);
    for (const quote of article.quotes) {
      named.add(quote.expert);
      for (const topic of quote.topics) named.add(topic);
      for (const id of quote.about) named.add(id);
      push(quotesByExpert, quote.expert, { quote, article });
      for (const subject of new Set([...quote.topics, ...quote.about])) push(quotesBySubject, subject, { quote, article });
    }
    for (const event of article.timeline) for (const id of [...event.entities, ...event.topics]) named.add(id);
    for (const id of named) push(about, id, article);
  }

  const timeline = buildTimeline(articles);
  const timelineById = new Map<string, TimelineEntry[]>();
  for (const entry of timeline) {
    for (const id of new Set([...entry.event.entities, ...entry.event.topics])) push(timelineById, id, entry);
  }

  const byKind = new Map<EntityKind, Entity[]>(ENTITY_KINDS.map((kind) => [kind, []]));
  const memberships = new Map<string, Membership[]>();
  for (const entity of dataset.entities) {
    byKind.get(entity.kind)?.push(entity);
    if (entity.kind === 'alliance') for (const { country, source } of entity.members) push(memberships, country, { alliance: entity, source });
  }

  const mentions = (id: string): number => (about.get(id)?.length ?? 0) + (quotesByExpert.get(id)?.length ?? 0);
  const lookups = new Map<LookupKind, LookupIndex>([
    ['article', createLookupIndex(articles.map(articleRecord))],
    ['topic', createLookupIndex(byPopularity(dataset.topics, mentions).map(namedRecord))],
    ...ENTITY_KINDS.map((kind): [LookupKind, LookupIndex] => [
      kind,
      createLookupIndex(byPopularity(byKind.get(kind) ?? [], mentions).map(namedRecord)),
    ]),
  ]);
  return {
    dataset,
    articles,
    articleById,
    entityById,
    topicById,
    about,
    quotesByExpert,
    quotesBySubject,
    timeline,
    timelineById,
    byKind,
    memberships,
    lookups,
    documents: articleDocuments(articles),
  };
}

function withSearch(parts: ReturnType<typeof indexDataset>, tables?: SearchTables): KnowledgeBase {
  const { articles, lookups } = parts;
  // Without tables made elsewhere, each document is made once to index it, then dropped.
  const searchIndex = createSearchIndex(parts.documents, tables ?? buildSearchTables(parts.articles.flatMap(searchDocuments)));
  return {
    articles,
    topics: parts.dataset.topics,
    article: (id) => parts.articleById.get(id),
    newestArticle: () => articles[0],
    entity: (id) => parts.entityById.get(id),
    topic: (id) => parts.topicById.get(id),
    entitiesOfKind: <K extends EntityKind>(kind: K) => [...(parts.byKind.get(kind) ?? [])] as Extract<Entity, { kind: K }>[],
    resolve: (kind, query) => lookups.get(kind)?.resolve(query),
    suggest: (kind, query, lang, limit = MAX_SUGGESTIONS) =>
      (lookups.get(kind)?.suggest(query, lang, clamp(limit, MAX_SUGGESTIONS)) ?? []).map((match) => ({ kind, ...match })),
    articlesAbout: (id) => parts.about.get(id) ?? [],
    quotesBy: (expertId) => parts.quotesByExpert.get(expertId) ?? [],
    membershipsOf: (countryId) => parts.memberships.get(countryId) ?? [],
    quotesAbout: (id) => parts.quotesBySubject.get(id) ?? [],
    timeline: (filter) => (filter === undefined ? parts.timeline : (parts.timelineById.get(filter) ?? [])),
    search: (query, lang, limit = DEFAULT_SEARCH_LIMIT) => searchIndex.search(query, lang, clamp(limit, MAX_SEARCH_LIMIT)),
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function clamp(limit: number, max: number): number {
  return Math.max(0, Math.min(max, Math.floor(limit)));
}

/**
 * All events in date order. A month sorts by its start; an event dated only by
 * a year sorts after the dated events of that year ("2022" after "February
 * 2022"): it is not known to come first. Equal keys keep article order.
 */
function buildTimeline(articles: readonly Article[]): TimelineEntry[] {
  const entries = articles.flatMap((article) => article.timeline.map((event) => ({ event, article })));
  return entries
    .map((entry, order) => ({ entry, key: timelineKey(entry.event.date), order }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.order - b.order))
    .map(({ entry }) => entry);
}

/** Sort key of a partial date: "2022-09" as "2022-09-01", "2022" as "2022-99" (after every day of 2022). */
export function timelineKey(date: string): string {
  if (date.length === 4) return `${date}-99`;
  return date.length === 7 ? `${date}-01` : date;
}

/** Most mentioned first; then alphabetically, so the empty-query default is stable. */
function byPopularity<T extends Entity | Topic>(records: readonly T[], mentions: (id: string) => number): T[] {
  return records
    .map((record) => ({ record, count: mentions(record.id), name: fold(record.name.en) }))
    .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(({ record }) => record);
}

function namedRecord(record: Entity | Topic): LookupRecord {
  const fullName = 'kind' in record && record.kind === 'alliance' ? record.fullName : undefined;
  const label = (lang: Language): string =>
    fullName && fold(fullName[lang]) !== fold(record.name[lang]) ? `${record.name[lang]} – ${fullName[lang]}` : record.name[lang];
  return {
    id: record.id,
    labels: { de: label('de'), en: label('en') },
    names: [record.id, record.name.de, record.name.en, ...(fullName ? [fullName.de, fullName.en] : [])],
    // A country's ISO code names it in commands (`/country TR`); it is no alias in the data,
    // so feed text is never matched by two letters.
    aliases: [...record.aliases.map((alias) => alias.text), ...('iso' in record && record.iso !== undefined ? [record.iso] : [])],
  };
}

function articleRecord(article: Article): LookupRecord {
  return {
    id: article.id,
    labels: { de: `${article.date} · ${article.title.de}`, en: `${article.date} · ${article.title.en}` },
    names: [article.id, article.title.original, article.title.de, article.title.en],
    aliases: [],
  };
}
