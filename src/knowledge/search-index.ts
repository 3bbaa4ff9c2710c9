// Full-text search over short passages (summary points, key points, quotes).
// An inverted index in flat typed arrays: terms are numbered in sorted order,
// so all terms with a given prefix form one id range. Every query token must
// match (AND); the last one may match as a prefix, since people type it.
import type { Language } from '../i18n/language.js';
import type { SearchHit, SearchHitKind } from './knowledge-base.js';
import { lowerBound } from './lower-bound.js';
import { tokenize } from './normalize.js';
import type { Article } from './schema.js';
import { TopScores } from './top-scores.js';

export interface SearchDocument {
  kind: SearchHitKind;
  article: Article;
  paragraph: number;
  /** Every wording to index (both languages, original and translations). */
  texts: readonly string[];
  /** What a hit shows, per language. */
  display: Record<Language, string>;
  expert?: string;
}

export interface SearchIndex {
  search(query: string, lang: Language, limit: number): SearchHit[];
}

const KIND_WEIGHT: Record<SearchHitKind, number> = { summary: 1.5, quote: 1.3, 'key-point': 1 };
const PREFIX_WEIGHT = 0.7;
/** Hostile input stays cheap: only so many characters and tokens are looked at. */
const MAX_QUERY_CHARS = 500;
const MAX_TOKENS = 8;
/** Postings walked to collect candidates; broader queries scan documents newest first instead. */
const MAX_POSTINGS = 5_000;
const MAX_SCANNED_DOCUMENTS = 3_000;

/** A query token as a term id range: [lo, hi) for a prefix, one id for a whole word. */
interface TokenMatch {
  lo: number;
  hi: number;
  /** Id of the token as a whole word, -1 when absent. */
  exact: number;
  /** Postings in the range: the cost of walking it. */
  cost: number;
}

/** `documents` must be newest first: equal scores keep that order. */
export function createSearchIndex(documents: readonly SearchDocument[]): SearchIndex {
  // Number the terms in first-seen order, then renumber them in sorted order.
  const firstIds = new Map<string, number>();
  const lastDocOfTerm: number[] = [];
  const termsByDoc: number[] = [];
  const docOffsets = new Int32Array(documents.length + 1);
  for (let d = 0; d < documents.length; d++) {
    for (const text of documents[d]!.texts) {
      for (const token of tokenize(text)) {
        let id = firstIds.get(token);
        if (id === undefined) {
          firstIds.set(token, (id = firstIds.size));
          lastDocOfTerm.push(-1);
        }
        if (lastDocOfTerm[id] !== d) {
          lastDocOfTerm[id] = d;
          termsByDoc.push(id);
        }
      }
    }
    docOffsets[d + 1] = termsByDoc.length;
  }
  const terms = [...firstIds.keys()].sort();
  const renumber = new Int32Array(terms.length);
  for (let t = 0; t < terms.length; t++) renumber[firstIds.get(terms[t]!)!] = t;

  // Each document's terms (sorted, for binary search) and each term's documents.
  const docTerms = new Int32Array(termsByDoc.length);
  for (let i = 0; i < termsByDoc.length; i++) docTerms[i] = renumber[termsByDoc[i]!]!;
  const postingOffsets = new Int32Array(terms.length + 1);
  for (let d = 0; d < documents.length; d++) {
    sortRange(docTerms, docOffsets[d]!, docOffsets[d + 1]!);
    for (let i = docOffsets[d]!; i < docOffsets[d + 1]!; i++) postingOffsets[docTerms[i]! + 1]!++;
  }
  for (let t = 0; t < terms.length; t++) postingOffsets[t + 1]! += postingOffsets[t]!;
  const postings = new Int32Array(docTerms.length);
  const fill = postingOffsets.slice(0, terms.length);
  for (let d = 0; d < documents.length; d++) {
    for (let i = docOffsets[d]!; i < docOffsets[d + 1]!; i++) postings[fill[docTerms[i]!]!++] = d;
  }

  const visited = new Uint8Array(documents.length);

  const match = (token: string, prefix: boolean): TokenMatch => {
    const lo = lowerBound(terms, token);
    const exact = terms[lo] === token ? lo : -1;
    let hi = exact === -1 ? lo : lo + 1;
    if (prefix) {
      // Upper end of the prefix range: first term not starting with the token.
      hi = lowerBound(terms, `${token}\uffff`);
    }
    return { lo, hi, exact, cost: postingOffsets[hi]! - postingOffsets[lo]! };
  };
  /** Index of the first of the document's terms that is >= term. */
  const firstTermAtLeast = (d: number, term: number): number => {
    let lo = docOffsets[d]!;
    let hi = docOffsets[d + 1]!;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (docTerms[mid]! < term) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  /** How well document d matches all tokens; 0 when one is missing. */
  const relevance = (d: number, tokens: readonly TokenMatch[]): number => {
    let sum = 0;
    for (const token of tokens) {
      const i = firstTermAtLeast(d, token.lo);
      if (i >= docOffsets[d + 1]! || docTerms[i]! >= token.hi) return 0;
      sum += docTerms[i] === token.exact ? 1 : PREFIX_WEIGHT;
    }
    return sum;
  };

  return {
    search(query, lang, limit) {
      const words = [...new Set(tokenize(query.slice(0, MAX_QUERY_CHARS)))].slice(0, MAX_TOKENS);
      if (words.length === 0 || limit <= 0) return [];
      const tokens = words.map((word, i) => match(word, i === words.length - 1));
      if (tokens.some((token) => token.cost === 0)) return [];

      const top = new TopScores(limit);
      const consider = (d: number, driverWeight: number, others: readonly TokenMatch[]): void => {
        const rest = relevance(d, others);
        if (rest > 0 || others.length === 0) top.offer(d, (driverWeight + rest) * KIND_WEIGHT[documents[d]!.kind]);
      };
      const driver = tokens.reduce((a, b) => (b.cost < a.cost ? b : a));
      if (driver.cost <= MAX_POSTINGS) {
        const others = tokens.filter((token) => token !== driver);
        // The whole-word term first, so a document having it counts as an exact match.
        const driverTerms = [driver.exact, ...range(driver.lo, driver.hi).filter((t) => t !== driver.exact)].filter((t) => t >= 0);
        const seen: number[] = [];
        for (const term of driverTerms) {
          const weight = term === driver.exact ? 1 : PREFIX_WEIGHT;
          for (let i = postingOffsets[term]!; i < postingOffsets[term + 1]!; i++) {
            const d = postings[i]!;
            if (visited[d]) continue;
            visited[d] = 1;
            seen.push(d);
            consider(d, weight, others);
          }
        }
        for (const d of seen) visited[d] = 0;
      } else {
        // Too broad to collect fully: newest documents first, a bounded number of them.
        for (let d = 0; d < Math.min(documents.length, MAX_SCANNED_DOCUMENTS); d++) consider(d, 0, tokens);
      }

      return top.sorted().map(({ index, score }) => {
        const document = documents[index]!;
        const hit: SearchHit = {
          kind: document.kind,
          article: document.article,
          paragraph: document.paragraph,
          text: document.display[lang],
          score,
        };
        if (document.expert !== undefined) hit.expert = document.expert;
        return hit;
      });
    },
  };
}

/** Sorts array[from..to) in place; a document has a few dozen terms, where insertion sort beats a sort call. */
function sortRange(array: Int32Array, from: number, to: number): void {
  if (to - from > 64) {
    array.subarray(from, to).sort();
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const value = array[i]!;
    let j = i - 1;
    while (j >= from && array[j]! > value) {
      array[j + 1] = array[j]!;
      j--;
    }
    array[j + 1] = value;
  }
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}
