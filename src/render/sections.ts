// Sections shared by the profile replies (alliance, country, expert):
// facts, timeline, quotes, corrections and the sources they cite. Lists are
// capped (see capped.ts); only what is shown is rendered and cited.
import type { Language } from '../i18n/language.js';
import { t } from '../i18n/t.js';
import type { KnowledgeBase, QuoteRef, TimelineEntry } from '../knowledge/knowledge-base.js';
import type { LazyList } from '../knowledge/lazy-list.js';
import type { Alias, Correction, Fact } from '../knowledge/schema.js';
import { cappedLines, type Keep } from './capped.js';
import { Citations } from './citations.js';
import { formatDate } from './dates.js';
import type { Document, DocumentSection } from './document.js';
import { type QuoteContext, quoteLines } from './quotes.js';
import { literal } from './text.js';

/** A timeline entry as a line: date in bold, the event, its source. */
function timelineLine(entry: TimelineEntry, lang: Language, citations: Citations): string {
  const { event, article } = entry;
  const note = event.dateNote === undefined ? '' : ` *(${t(lang, 'timeline.dateNote', { note: literal(event.dateNote[lang]) })})*`;
  return `**${formatDate(event.date, lang)}** — ${literal(event.text[lang])} ${citations.cite(article, event.paragraph)}${note}`;
}

/** What a profile reply is built from; each part cites into the same source list. */
export class ProfileBuilder {
  readonly citations: Citations;
  private readonly sections: DocumentSection[] = [];

  constructor(
    private readonly kb: KnowledgeBase,
    readonly lang: Language,
  ) {
    this.citations = new Citations(lang);
  }

  /** Adds a section unless it has no lines. */
  section(name: string, lines: string[], inline = false): this {
    if (lines.length > 0) this.sections.push({ name, lines, inline });
    return this;
  }

  /** Adds a section of at most MAX_LIST_ITEMS items, rendering only those shown. */
  list<T>(name: string, items: LazyList<T>, render: (item: T) => string | string[], keep?: Keep): this {
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
    return this.list(t(this.lang, 'label.quotes'), refs, (r) => quoteLines(this.kb, r, this.lang, this.citations, show));
  }

  corrections(corrections: readonly Correction[]): this {
    return this.list(t(this.lang, 'label.corrections'), corrections, (c) => {
      const line = t(this.lang, 'correction.line', { articleSays: literal(c.articleSays), corrected: literal(c.corrected[this.lang]) });
      return `• ${line}${this.cite(c.source)}`;
    });
  }

  /** The document, with the sources of everything cited as its last section. */
  build(head: Pick<Document, 'title' | 'description'> & { url?: string }): Document {
    const sources = this.citations.lines();
    const sections = sources.length > 0 ? [...this.sections, { name: t(this.lang, 'label.sources'), lines: sources }] : this.sections;
    return { ...head, sections, footer: t(this.lang, 'footer.brand') };
  }
}

/** Aliases worth showing (not the source's misspellings, not the names already shown), Russian ones marked. */
export function aliasLine(aliases: readonly Alias[], lang: Language, shownNames: readonly string[]): string | undefined {
  const known = new Set(shownNames.map((n) => n.toLowerCase()));
  const shown = aliases
    .filter((a) => a.garbled !== true && !known.has(a.text.toLowerCase()))
    .map((a) => (a.lang === 'ru' ? `${literal(a.text)} (ru)` : literal(a.text)));
  return shown.length === 0 ? undefined : `*${t(lang, 'label.aliases')}:* ${shown.join(', ')}`;
}
