// Numbered source references: inline "[1] § 9" tags and the matching
// "Sources" lines (article title, publisher, date, paragraphs).
import type { Language } from '../i18n/language.js';
import { t } from '../i18n/t.js';
import type { Article, KeyPoint, TimelineEvent } from '../knowledge/schema.js';
import { formatDate } from './dates.js';
import { literal } from './text.js';

/** What draws on paragraphs of an article: a key point or a timeline event. */
type DrawnFrom = Pick<KeyPoint | TimelineEvent, 'paragraph' | 'alsoParagraphs'>;

interface Cited {
  number: number;
  article: Article;
  /** Ascending, without repeats. */
  paragraphs: number[];
}

// "§ 9" for every citation of a reply: a hundred per long profile, so each
// language's tags are made once.
const tags: Record<Language, string[]> = { de: [], en: [] };

/** "§ 9": where in its article something stands. */
export function paragraphTag(lang: Language, paragraph: number): string {
  return (tags[lang][paragraph] ??= t(lang, 'source.paragraphs', { paragraphs: paragraph }));
}

/** The paragraphs a key point or event draws on, its own first: [9] or [9, 8, 10]. */
export function pointParagraphs(point: DrawnFrom): number[] {
  return point.alsoParagraphs === undefined ? [point.paragraph] : [point.paragraph, ...point.alsoParagraphs];
}

/** "§ 9" or "§ 8, 9, 10": every paragraph a key point draws on, ascending. */
export function pointTag(lang: Language, point: DrawnFrom): string {
  if (point.alsoParagraphs === undefined) return paragraphTag(lang, point.paragraph);
  const paragraphs = [...new Set(pointParagraphs(point))].sort((a, b) => a - b);
  return t(lang, 'source.paragraphs', { paragraphs: paragraphs.join(', ') });
}

export class Citations {
  private readonly cited = new Map<string, Cited>();

  constructor(private readonly lang: Language) {}

  /** Records the source and returns its inline tag, e.g. "[1] § 9". */
  cite(article: Article, paragraph: number): string {
    const entry = this.entry(article);
    insertSorted(entry.paragraphs, paragraph);
    return `[${entry.number}] ${paragraphTag(this.lang, paragraph)}`;
  }

  /** Cites every paragraph a key point or timeline event draws on: "[1] § 8, 9, 10". */
  citePoint(article: Article, point: DrawnFrom): string {
    const entry = this.entry(article);
    for (const paragraph of pointParagraphs(point)) insertSorted(entry.paragraphs, paragraph);
    return `[${entry.number}] ${pointTag(this.lang, point)}`;
  }

  private entry(article: Article): Cited {
    let entry = this.cited.get(article.id);
    if (entry === undefined) {
      entry = { number: this.cited.size + 1, article, paragraphs: [] };
      this.cited.set(article.id, entry);
    }
    return entry;
  }

  /** One line per cited article, in citation order. */
  lines(): string[] {
    const lines: string[] = [];
    for (const { number, article, paragraphs } of this.cited.values()) {
      const tag =
        paragraphs.length === 1 ? paragraphTag(this.lang, paragraphs[0]!) : t(this.lang, 'source.paragraphs', { paragraphs: paragraphs.join(', ') });
      const heading = `*${literal(article.title[this.lang])}*, ${literal(article.publisher)}, ${formatDate(article.date, this.lang)}`;
      lines.push(`**[${number}]** ${heading}, ${tag}`);
    }
    return lines;
  }
}

/** Adds `n` to an ascending list unless it is there; an article is cited at a handful of paragraphs. */
function insertSorted(list: number[], n: number): void {
  let i = list.length;
  while (i > 0 && list[i - 1]! > n) i -= 1;
  if (list[i - 1] === n) return;
  if (i === list.length) list.push(n);
  else list.splice(i, 0, n);
}
