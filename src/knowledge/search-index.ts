// Full-text search over short passages (summary points, key points, quotes) in
// German and English. Words are matched by their stems (search-terms.ts), each
// in the language of the text it stands in; a query word is looked up as a
// German and as an English word, so an English word finds a German quote
// through its translation and the other way round.
//
// The index is search-tables.ts's: all terms with a given prefix form one id
// range (the last query word may be unfinished, since people type it), and each
// document's words in order give phrase matches and the language that matched.
//
// Ranking: the whole query as a phrase, then every word, then some words;
// within that, how many words matched as whole words, the kind of record,
// then newer articles first.
import { type Language, LANGUAGES } from '../i18n/language.js';
import type { SearchHit, SearchMatch, SearchRecord } from './knowledge-base.js';
import { lowerBound } from './lower-bound.js';
import { tokenize } from './normalize.js';
import { buildSearchTables, type IndexedDocument, SEARCH_KINDS, type SearchTables, TEXT_BREAK } from './search-tables.js';
import { stem, TERM_PREFIX } from './search-terms.js';
import { TopScores } from './top-scores.js';

export type { SearchText } from './search-tables.js';

export interface SearchDocument extends IndexedDocument {
  /** What a hit carries to its rendering: the exact record that matched. */
  record: SearchRecord;
  paragraph: number;
}

/** The documents in index order; a list, or made on demand from the records. */
export interface SearchDocuments {
  readonly length: number;
  at(index: number): SearchDocument | undefined;
}

export interface SearchIndex {
  search(query: string, lang: Language, limit: number): SearchHit[];
}

const KIND_WEIGHT: Record<SearchRecord['kind'], number> = { summary: 1.5, quote: 1.3, 'key-point': 1 };
const MAX_KIND_WEIGHT = Math.max(...Object.values(KIND_WEIGHT));
const PREFIX_WEIGHT = 0.7;
/** Score per tier; a tier's weights stay below it (at most MAX_TOKENS × 1.5). */
const TIER: Record<SearchMatch, number> = { phrase: 300, all: 200, some: 100 };
/** Hostile input stays cheap: only so many characters and tokens are looked at. */
const MAX_QUERY_CHARS = 500;
const MAX_TOKENS = 8;
const MAX_PHRASE = 16;
/** Postings walked to collect candidates; broader queries scan documents newest first instead. */
const MAX_POSTINGS = 5_000;
const MAX_SCANNED_DOCUMENTS = 3_000;
/** Phrase checks per query, newest documents first; documents with all words beyond that rank as such. */
const MAX_PHRASE_CHECKS = 300;

/**
 * A query word as spans of term ids, [lo, hi) pairs in one flat array: first its stems as
 * whole words (one id each), then, for the last word, the ranges of terms it begins.
 */
interface TokenMatch {
  spans: Int32Array;
  /** How many of the spans are whole words (the rest are prefix ranges). */
  whole: number;
  /** Postings to walk for this word. */
  cost: number;
}

/**
 * `documents` must be newest first: equal scores keep that order. `tables` are
 * their index when it was built elsewhere (a worker thread); else it is built here.
 */
export function createSearchIndex(documents: SearchDocuments, tables: SearchTables = tablesOf(documents)): SearchIndex {
  const { terms, firstEnglish, docOffsets, docTerms, wordOffsets, sequence, postingOffsets, postings, kinds } = tables;
  const count = kinds.length;
  const visited = new Uint8Array(count);
  const kindWeights = Float64Array.from(kinds, (kind) => KIND_WEIGHT[SEARCH_KINDS[kind]!]);
  const postingsOf = (lo: number, hi: number): number => postingOffsets[hi]! - postingOffsets[lo]!;

  const match = (word: string, prefix: boolean): TokenMatch => {
    const whole: number[] = [];
    const ranges: number[] = [];
    let cost = 0;
    for (const lang of LANGUAGES) {
      const key = TERM_PREFIX[lang] + stem(word, lang);
      const id = lowerBound(terms, key);
      if (terms[id] === key) whole.push(id, id + 1);
      if (prefix) {
        const lo = lowerBound(terms, TERM_PREFIX[lang] + word);
        const hi = lowerBound(terms, `${TERM_PREFIX[lang]}${word}\uffff`, lo);
        if (hi > lo) ranges.push(lo, hi);
      }
    }
    for (let i = 0; i < whole.length; i += 2) {
      const id = whole[i]!;
      let inRange = false;
      for (let r = 0; r < ranges.length; r += 2) inRange ||= id >= ranges[r]! && id < ranges[r + 1]!;
      if (!inRange) cost += postingsOf(id, id + 1);
    }
    for (let r = 0; r < ranges.length; r += 2) cost += postingsOf(ranges[r]!, ranges[r + 1]!);
    return { spans: Int32Array.from([...whole, ...ranges]), whole: whole.length / 2, cost };
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
  /** How well document d has the word: 1 as a whole word, less as a prefix, 0 not at all. */
  const weightIn = (d: number, token: TokenMatch): number => {
    const end = docOffsets[d + 1]!;
    const { spans } = token;
    for (let s = 0; s < spans.length; s += 2) {
      const i = firstTermAtLeast(d, spans[s]!);
      if (i < end && docTerms[i]! < spans[s + 1]!) return s < 2 * token.whole ? 1 : PREFIX_WEIGHT;
    }
    return 0;
  };
  const matches = (id: number, token: TokenMatch): boolean => {
    const { spans } = token;
    for (let s = 0; s < spans.length; s += 2) if (id >= spans[s]! && id < spans[s + 1]!) return true;
    return false;
  };
  /** Where in document d's words the phrase starts, -1 when it does not occur in one of its texts. */
  const phraseAt = (d: number, phrase: readonly TokenMatch[]): number => {
    const end = wordOffsets[d + 1]! - phrase.length;
    for (let i = wordOffsets[d]!; i <= end; i++) {
      let k = 0;
      while (k < phrase.length && matches(sequence[i + k]!, phrase[k]!)) k++;
      if (k === phrase.length) return i;
    }
    return -1;
  };
  /** The language whose wording matched best: a phrase, then the most words; the reader's on a tie. */
  const languageOf = (d: number, tokens: readonly TokenMatch[], phrase: readonly TokenMatch[] | undefined, reader: Language): Language => {
    const at = phrase === undefined ? -1 : phraseAt(d, phrase);
    if (at >= 0) return sequence[at]! < firstEnglish ? 'de' : 'en';
    // Bit k set: the k-th query word occurs in that language's wording.
    const found = { de: 0, en: 0 };
    for (let i = wordOffsets[d]!; i < wordOffsets[d + 1]!; i++) {
      const id = sequence[i]!;
      if (id === TEXT_BREAK) continue;
      for (let k = 0; k < tokens.length; k++) if (matches(id, tokens[k]!)) found[id < firstEnglish ? 'de' : 'en'] |= 1 << k;
    }
    const other = reader === 'de' ? 'en' : 'de';
    return bitCount(found[other]) > bitCount(found[reader]) ? other : reader;
  };

  return {
    search(query, lang, limit) {
      // The words as typed (repeats kept, for the phrase), up to MAX_TOKENS distinct ones.
      const typed: string[] = [];
      const words: string[] = [];
      for (const word of tokenize(query.slice(0, MAX_QUERY_CHARS))) {
        if (!words.includes(word)) {
          if (words.length === MAX_TOKENS) break;
          words.push(word);
        }
        typed.push(word);
        if (typed.length === MAX_PHRASE) break;
      }
      if (words.length === 0 || limit <= 0) return [];
      const last = typed[typed.length - 1];
      const byWord = new Map(words.map((word) => [word, match(word, word === last)]));
      const tokens = [...byWord.values()];
      const present = tokens.filter((token) => token.cost > 0);
      if (present.length === 0) return [];
      // A phrase is the query's words in the order typed, repeats included.
      const phrase = typed.length > 1 && present.length === tokens.length ? typed.map((word) => byWord.get(word)!) : undefined;

      const top = new TopScores(limit);
      let phraseChecks = 0;
      /** The best tier a document considered from now on can reach: a phrase only while phrase checks are left. */
      const best = (): number => (phrase !== undefined && phraseChecks < MAX_PHRASE_CHECKS ? TIER.phrase : TIER.all);
      const consider = (d: number): void => {
        const kind = kindWeights[d]!;
        // Most documents of a broad query cannot make it into the top: skip them before any work.
        if (!top.accepts(d, best() + present.length * kind)) return;
        let matched = 0;
        let weight = 0;
        for (const token of present) {
          const w = weightIn(d, token);
          if (w > 0) {
            matched++;
            weight += w;
          }
        }
        if (matched === 0) return;
        const base = weight * kind;
        if (matched < tokens.length) top.offer(d, TIER.some + base);
        else if (phrase !== undefined && phraseChecks++ < MAX_PHRASE_CHECKS && top.accepts(d, TIER.phrase + base) && phraseAt(d, phrase) >= 0) {
          top.offer(d, TIER.phrase + base);
        } else top.offer(d, TIER.all + base);
      };
      const seen: number[] = [];
      const walk = (token: TokenMatch): void => {
        const walkTerms = (lo: number, hi: number): void => {
          for (let i = postingOffsets[lo]!; i < postingOffsets[hi]!; i++) {
            const d = postings[i]!;
            // A term's documents come in index order: once the top is full of hits at least as good
            // as the best any document could still score, none after this one can enter it.
            if (!top.accepts(d, best() + present.length * MAX_KIND_WEIGHT)) break;
            if (visited[d]) continue;
            visited[d] = 1;
            seen.push(d);
            consider(d);
          }
        };
        for (let s = 0; s < token.spans.length; s += 2) walkTerms(token.spans[s]!, token.spans[s + 1]!);
      };

      // Every document with all the words has the rarest one: walking its documents finds them all.
      const byCost = [...present].sort((a, b) => a.cost - b.cost);
      let budget = MAX_POSTINGS;
      let walked = 0;
      if (present.length === tokens.length && byCost[0]!.cost <= budget) {
        walk(byCost[0]!);
        budget -= byCost[0]!.cost;
        walked++;
      }
      // Documents with only some of the words rank below those: looked for while the top is not
      // full of better ones, through the rarer words first, as far as the budget goes.
      const worst = top.sorted()[limit - 1];
      if (worst === undefined || worst.score < TIER.all) {
        for (const token of byCost.slice(walked)) {
          if (token.cost > budget) break;
          walk(token);
          budget -= token.cost;
          walked++;
        }
        // Only broad words: the newest documents, a bounded number of them.
        if (walked === 0) for (let d = 0; d < Math.min(count, MAX_SCANNED_DOCUMENTS); d++) consider(d);
      }
      for (const d of seen) visited[d] = 0;

      return top.sorted().map(({ index, score }): SearchHit => {
        const document = documents.at(index)!;
        const match: SearchMatch = score >= TIER.phrase ? 'phrase' : score >= TIER.all ? 'all' : 'some';
        const language = languageOf(index, tokens, match === 'phrase' ? phrase : undefined, lang);
        const text = (document.texts.find((t) => t.language === language) ?? document.texts[0]!).text;
        const { record, paragraph } = document;
        // Spelt out: spreading records of several shapes is a slow path in V8 (20 µs a hit).
        return record.kind === 'quote'
          ? { kind: 'quote', article: record.article, quote: record.quote, paragraph, language, text, match, score }
          : { kind: record.kind, article: record.article, point: record.point, paragraph, language, text, match, score };
      });
    },
  };
}

function bitCount(bits: number): number {
  let count = 0;
  for (let rest = bits; rest !== 0; rest &= rest - 1) count++;
  return count;
}

/** The index of documents made on demand: each is made once, here. */
function tablesOf(documents: SearchDocuments): SearchTables {
  return buildSearchTables(Array.from({ length: documents.length }, (_, d) => documents.at(d)!));
}
