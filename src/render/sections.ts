// Sections shared by the profile replies (alliance, country, expert):
// facts, timeline, quotes, corrections, background and the sources they cite.
// What the articles say and what we add from elsewhere (descriptions,
// background facts) are kept visibly apart. Lists are capped (see capped.ts);
// only what is shown is rendered and cited.
import type { Language } from '../i18n/language.js';
import { t } from '../i18n/t.js';
import type { KnowledgeBase, QuoteRef, TimelineEntry } from '../knowledge/knowledge-base.js';
import type { LazyList } from '../knowledge/lazy-list.js';
import type { NewsEntry } from '../knowledge/news-index.js';
import type { Alias, Article, Correction, Entity, Fact, LocalizedText } from '../knowledge/schema.js';
import { cappedLines, type Keep } from './capped.js';
import { Citations } from './citations.js';
import { formatDate } from './dates.js';
import type { Document, DocumentSection } from './document.js';
import { newsLines } from './news.js';
import { type QuoteContext, quoteLines } from './quotes.js';
import { literal } from './text.js';

/** A timeline entry as a line: date in bold, the event, its source. */
function timelineLine(entry: TimelineEntry, lang: Language, citations: Citations): string {
  const { event, article } = entry;
  const note = event.dateNote === undefined ? '' : ` *(${t(lang, 'timeline.dateNote', { note: literal(event.dateNote[lang]) })})*`;
  return `**${formatDate(event.date, lang)}** — ${literal(event.text[lang])} ${citations.citePoint(article, event)}${note}`;
}

/** What a profile reply is built from; each part cites into the same source list. */
export class ProfileBuilder {
  readonly citations: Citations;
  private readonly sections: DocumentSection[] = [];
  /** Shown after the sources: feed items are not what the articles say. */
  private newsSection: DocumentSection | undefined;

  constructor(
    private readonly kb: KnowledgeBase,
    readonly lang: Language,
  ) {
    this.citations = new Citations(lang);
  }

  /** Whether no section has been added yet (nothing the articles or background say). */
  isEmpty(): boolean {
    return this.sections.length === 0;
  }

  /** Adds a section unless it has no lines. */
  section(name: string, lines: string[], inline = false): this {
    if (lines.length > 0) this.sections.push({ name, lines, inline });
    return this;
  }

  /**
   * Adds a section of at most MAX_LIST_ITEMS items, rendering only those shown: one entry
   * per item, so an item of several lines ("\n") stays in one field, whole.
   */
  list<T>(name: string, items: LazyList<T>, render: (item: T) => string, keep?: Keep): this {
    return this.section(name, cappedLines(items, render, this.lang, keep));
  }

  /** Cites a provenance ({article, paragraph}); empty when the article is unknown. */
  cite(source: { article: string; paragraph: number }): string {
    const article = this.kb.article(source.article);
    return article === undefined ? '' : ` ${this.citations.cite(article, source.paragraph)}`;
  }

  facts(facts: readonly Fact[]): this {
    return this.list(t(this.lang, 'label.facts'), facts, (f) => `• ${literal(f.text[this.lang])}${this.cite(f.source)}`);
  }

  /** Entries in date order; when there are too many, the newest are shown. */
  timeline(entries: readonly TimelineEntry[]): this {
    return this.list(t(this.lang, 'label.timeline'), entries, (e) => timelineLine(e, this.lang, this.citations), 'last');
  }

  quotes(refs: LazyList<QuoteRef>, show: QuoteContext): this {
    // Quotes shown by article are one speaker's own (the expert page): headed "Quotes", not "What experts said".
    // A quote and what its speaker meant are one entry: a field or page never parts them.
    return this.list(t(this.lang, show === 'article' ? 'label.expertQuotes' : 'label.quotes'), refs, (r) =>
      quoteLines(this.kb, r, this.lang, this.citations, show).join('\n'),
    );
  }

  corrections(corrections: readonly Correction[]): this {
    return this.list(t(this.lang, 'label.corrections'), corrections, (c) => {
      const line = t(this.lang, 'correction.line', { articleSays: literal(c.articleSays), corrected: literal(c.corrected[this.lang]) });
      const confirmed = c.confirmedBy === undefined ? '' : ` ${t(this.lang, 'correction.confirmed')}`;
      return `• ${line}${confirmed}${this.cite(c.source)}`;
    });
  }

  /**
   * What we know from outside the articles, under its own heading: each fact
   * with its date and source, and whether it happened after the newest article
   * about the entity was written (the article cannot reflect it).
   */
  background(entity: Entity): this {
    const newest = this.kb.articlesAbout(entity.id)[0];
    return this.list(t(this.lang, 'label.background'), entity.background, (fact) => {
      const date = fact.date === undefined ? '' : ` (${formatDate(fact.date, this.lang)})`;
      const note = newest === undefined || fact.date === undefined ? undefined : laterThan(fact.date, newest, this.lang);
      const source = t(this.lang, 'background.source', { source: literal(fact.source[this.lang]) });
      return `• ${literal(fact.text[this.lang])}${date} *(${source})*${note === undefined ? '' : ` — *${note}*`}`;
    });
  }

  /** Feed items apart from everything the articles say (after the sources): the newest about the record, or those a search found; none when empty. */
  news(entries: readonly NewsEntry[], heading: 'label.latestNews' | 'label.newsFound' = 'label.latestNews'): this {
    this.newsSection =
      entries.length === 0 ? undefined : { name: t(this.lang, heading), lines: entries.map((entry) => newsLines(this.kb, entry, this.lang)) };
    return this;
  }

  /** The document, with the sources of everything cited after what cites them, and the latest news last. */
  build(head: Pick<Document, 'title' | 'description'> & { url?: string }): Document {
    const sources = this.citations.lines();
    const sections = sources.length > 0 ? [...this.sections, { name: t(this.lang, 'label.sources'), lines: sources }] : [...this.sections];
    if (this.newsSection !== undefined) sections.push(this.newsSection);
    return { ...head, sections, footer: t(this.lang, 'footer.brand') };
  }
}

/** An entity's description, marked as background: it is ours, not the articles'. */
export function backgroundDescription(description: LocalizedText, lang: Language): string {
  return `*${t(lang, 'label.background')}:* ${literal(description[lang])}`;
}

/** Whether `date` is later than all of `other` (a partial date within `other` is not later). */
function isLater(date: string, other: string): boolean {
  return date > other && !date.startsWith(other);
}

/** Says so when something happened after the article's report was written, or after the article appeared. */
function laterThan(date: string, article: Article, lang: Language): string | undefined {
  const publisher = literal(article.publisher);
  const published = formatDate(article.date, lang);
  if (isLater(date, article.date)) return t(lang, 'background.afterArticle', { publisher, published });
  const first = article.firstPublished;
  if (first === undefined || !isLater(date, first.date)) return undefined;
  return t(lang, 'background.afterReport', { by: literal(first.by), written: formatDate(first.date, lang), publisher, published });
}

/** Aliases worth showing (not the source's misspellings, adjectives, metonyms or the names already shown), Russian ones marked. */
export function aliasLine(aliases: readonly Alias[], lang: Language, shownNames: readonly string[]): string | undefined {
  const known = new Set(shownNames.map((n) => n.toLowerCase()));
  const shown = aliases
    .filter((a) => a.garbled !== true && a.adjective !== true && a.metonym !== true && !known.has(a.text.toLowerCase()))
    .map((a) => (a.lang === 'ru' ? `${literal(a.text)} (ru)` : literal(a.text)));
  return shown.length === 0 ? undefined : `*${t(lang, 'label.aliases')}:* ${shown.join(', ')}`;
}
