// Numbered source references: inline "[1] § 9" tags and the matching
// "Sources" lines (article title, publisher, date, paragraphs).
import type { Language } from '../i18n/language.js';
import { t } from '../i18n/t.js';
import type { Article } from '../knowledge/schema.js';
import { formatDate } from './dates.js';
import { literal } from './text.js';

interface Cited {
  number: number;
  article: Article;
  paragraphs: Set<number>;
}

// "§ 9" for every citation of a reply: the catalogue lookup fills in its
// placeholder with a regular expression, so each language's tags are kept.
const tags: Record<Language, string[]> = { de: [], en: [] };

function paragraphTag(lang: Language, paragraph: number): string {
  return (tags[lang][paragraph] ??= t(lang, 'source.paragraphs', { paragraphs: paragraph }));
}

export class Citations {
  private readonly cited = new Map<string, Cited>();

  constructor(private readonly lang: Language) {}

  /** Records the source and returns its inline tag, e.g. "[1] § 9". */
  cite(article: Article, paragraph: number): string {
    let entry = this.cited.get(article.id);
    if (entry === undefined) {
      entry = { number: this.cited.size + 1, article, paragraphs: new Set() };
      this.cited.set(article.id, entry);
    }
    entry.paragraphs.add(paragraph);
    return `[${entry.number}] ${paragraphTag(this.lang, paragraph)}`;
  }

  /** One line per cited article, in citation order. */
  lines(): string[] {
    return [...this.cited.values()].map(({ number, article, paragraphs }) => {
      const list = [...paragraphs].sort((a, b) => a - b).join(', ');
      const parts = [
        `*${literal(article.title[this.lang])}*`,
        literal(article.publisher),
        formatDate(article.date, this.lang),
        t(this.lang, 'source.paragraphs', { paragraphs: list }),
      ];
      return `**[${number}]** ${parts.join(', ')}`;
    });
  }
}
