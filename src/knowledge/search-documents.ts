// What search indexes of an article: each summary line, key point and quote as a
// document with all its wordings, in one fixed order (articles newest first, then
// summary, key points, quotes). The knowledge base makes a document only when a hit
// needs it; a worker reading ahead (read-ahead-worker.ts) indexes the same documents
// from the files it read.
import { LANGUAGES } from '../i18n/language.js';
import type { Article, KeyPoint, Quote } from './schema.js';
import type { SearchDocument, SearchDocuments } from './search-index.js';
import type { SearchTables } from './search-tables.js';

/** A search index built elsewhere (a worker thread, from the files it read) for these articles, in this order. */
export interface PreparedSearch {
  articleIds: readonly string[];
  tables: SearchTables;
}

/** Newest first, then by id: the order of lists, and of search hits of equal score. */
export function newestFirst(a: Pick<Article, 'date' | 'id'>, b: Pick<Article, 'date' | 'id'>): number {
  return a.date < b.date ? 1 : a.date > b.date ? -1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The search documents of articles, each made when a hit needs it: at start-up, only their number is counted. */
export function articleDocuments(articles: readonly Article[]): SearchDocuments {
  const starts = new Int32Array(articles.length + 1);
  articles.forEach((article, i) => (starts[i + 1] = starts[i]! + searchDocumentCount(article)));
  return {
    length: starts[articles.length]!,
    at(index) {
      if (index < 0 || index >= starts[articles.length]!) return undefined;
      // The last article starting at or before `index`.
      let lo = 0;
      let hi = articles.length;
      while (hi - lo > 1) {
        const mid = (lo + hi) >>> 1;
        if (starts[mid]! <= index) lo = mid;
        else hi = mid;
      }
      return searchDocumentAt(articles[lo]!, index - starts[lo]!);
    },
  };
}

/** How many search documents an article has: as many as searchDocuments makes. */
export function searchDocumentCount(article: Pick<Article, 'summary' | 'sections' | 'quotes'>): number {
  let count = article.summary.length + article.quotes.length;
  for (const section of article.sections) count += section.keyPoints.length;
  return count;
}

/** Every summary line, key point and quote of an article, each with all its wordings. */
export function searchDocuments(article: Article): SearchDocument[] {
  return [
    ...article.summary.map((p) => pointDocument('summary', article, p)),
    ...article.sections.flatMap((section) => section.keyPoints.map((p) => pointDocument('key-point', article, p))),
    ...article.quotes.map((quote) => quoteDocument(article, quote)),
  ];
}

/** searchDocuments(article)[index], made alone: a search hit needs one document of an article. */
function searchDocumentAt(article: Article, index: number): SearchDocument | undefined {
  if (index < article.summary.length) return pointDocument('summary', article, article.summary[index]!);
  let rest = index - article.summary.length;
  for (const { keyPoints } of article.sections) {
    if (rest < keyPoints.length) return pointDocument('key-point', article, keyPoints[rest]!);
    rest -= keyPoints.length;
  }
  const quote = article.quotes[rest];
  return quote && quoteDocument(article, quote);
}

function pointDocument(kind: 'summary' | 'key-point', article: Article, point: KeyPoint): SearchDocument {
  return {
    kind,
    record: { kind, article, point },
    paragraph: point.paragraph,
    texts: [
      { language: 'de', text: point.text.de },
      { language: 'en', text: point.text.en },
    ],
  };
}

function quoteDocument(article: Article, quote: Quote): SearchDocument {
  return {
    kind: 'quote',
    record: { kind: 'quote', article, quote },
    paragraph: quote.paragraph,
    // The printed wording first, then the speaker's original wording where known, then our translations.
    texts: [
      { language: quote.language, text: quote.text },
      ...(quote.original === undefined || quote.original.language === quote.language
        ? []
        : [{ language: quote.original.language, text: quote.original.text }]),
      ...LANGUAGES.flatMap((language) => {
        const text = quote.translations[language];
        return text === undefined || language === quote.language || language === quote.original?.language ? [] : [{ language, text }];
      }),
    ],
  };
}
