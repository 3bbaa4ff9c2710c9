// The read-only view every command answers from. Built once from a validated
// Dataset (see load.ts); all lookups are in memory.
import type { Language } from '../i18n/language.js';
import type { LazyList } from './lazy-list.js';
import type { Alliance, Article, Entity, EntityKind, KeyPoint, Provenance, Quote, TimelineEvent, Topic } from './schema.js';

/** Everything in a data folder after validation. */
export interface Dataset {
  articles: Article[];
  entities: Entity[];
  topics: Topic[];
}

/** What autocomplete and "did you mean" can look for. */
export type LookupKind = EntityKind | 'article' | 'topic';

export const ENTITY_KINDS: readonly EntityKind[] = ['alliance', 'country', 'person', 'expert', 'organisation', 'place'];
/** What a timeline can be filtered by and an alert can follow: a topic or any entity, topics first. */
export const TOPIC_KINDS: readonly LookupKind[] = ['topic', ...ENTITY_KINDS];

export type MatchQuality = 'exact' | 'prefix' | 'alias' | 'fuzzy';

export interface Suggestion {
  kind: LookupKind;
  id: string;
  /** Display label in the requested language, at most 100 characters. */
  label: string;
  quality: MatchQuality;
  score: number;
}

export interface QuoteRef {
  quote: Quote;
  article: Article;
}

/** A country's place in an alliance, with the source that says so. */
export interface Membership {
  alliance: Alliance;
  source: Provenance;
}

export interface TimelineEntry {
  event: TimelineEvent;
  article: Article;
}

export type SearchHitKind = 'summary' | 'key-point' | 'quote';

/** The record a search hit found: the very summary line, key point or quote that matched. */
export type SearchRecord = { kind: 'summary' | 'key-point'; article: Article; point: KeyPoint } | { kind: 'quote'; article: Article; quote: Quote };

/** How a hit matched the query's words: as a phrase, all of them, or only some. Ranked in that order. */
export type SearchMatch = 'phrase' | 'all' | 'some';

export type SearchHit = SearchRecord & {
  paragraph: number;
  /** The language whose wording matched best (the requested one when both match equally). */
  language: Language;
  /** The record's wording in that language. */
  text: string;
  match: SearchMatch;
  score: number;
};

export interface KnowledgeBase {
  /** Newest first (by date, then id). */
  readonly articles: readonly Article[];
  readonly topics: readonly Topic[];
  article(id: string): Article | undefined;
  newestArticle(): Article | undefined;
  entity(id: string): Entity | undefined;
  topic(id: string): Topic | undefined;
  entitiesOfKind<K extends EntityKind>(kind: K): Extract<Entity, { kind: K }>[];
  /**
   * Exact lookup by id, name or alias in any language, ignoring case and
   * diacritics. Undefined when nothing matches exactly.
   */
  resolve(kind: LookupKind, query: string): string | undefined;
  /** Ranked suggestions: exact, prefix, alias, then fuzzy; a good default for an empty query. */
  suggest(kind: LookupKind, query: string, lang: 'de' | 'en', limit?: number): Suggestion[];
  // The lists below are the knowledge base's own: shared, never copied, read only.
  /** Articles that name the entity or topic, newest first. */
  articlesAbout(id: string): readonly Article[];
  quotesBy(expertId: string): readonly QuoteRef[];
  /** The alliances a country is a member of, in the order of the alliances' file. */
  membershipsOf(countryId: string): readonly Membership[];
  /** Quotes tagged with a topic, or about an entity (the quote's `about`), newest article first. */
  quotesAbout(id: string): LazyList<QuoteRef>;
  /** Events in date order, optionally only those tagged with a topic or entity id. */
  timeline(filter?: string): readonly TimelineEntry[];
  /**
   * Full-text search over summaries, key points and quotes in both languages, by word stems;
   * best first: phrase matches, then hits with all words, then with some.
   */
  search(query: string, lang: 'de' | 'en', limit?: number): SearchHit[];
}
