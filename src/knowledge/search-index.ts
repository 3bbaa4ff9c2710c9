// Full-text search over short passages (summary points, key points, quotes) in
// German and English. Words are matched by their stems (search-terms.ts), each
// in the language of the text it stands in; a query word is looked up as a
// German and as an English word, so an English word finds a German quote
// through its translation and the other way round.
//
// An inverted index in flat typed arrays: terms are numbered in sorted order,
// so all terms with a given prefix form one id range (the last query word may
// be unfinished, since people type it). Each document also keeps its words in
// order, as term ids, for phrase matches and to tell which language matched.
//
// Ranking: the whole query as a phrase, then every word, then some words;
// within that, how many words matched as whole words, the kind of record,
// then newer articles first.
import type { Language } from '../i18n/language.js';
import type { SearchHit, SearchMatch, SearchRecord } from './knowledge-base.js';
import { lowerBound } from './lower-bound.js';
import { tokenize } from './normalize.js';
import { stem, term, TERM_PREFIX } from './search-terms.js';
import { TopScores } from './top-scores.js';

export interface SearchText {
  language: Language;
  text: string;
}

export interface SearchDocument {
  /** What a hit carries to its rendering: the exact record that matched. */
  record: SearchRecord;
  paragraph: number;
  /** Every wording of the record (original and translations), each in its language. */
  texts: readonly SearchText[];
}

export interface SearchIndex {
  search(query: string, lang: Language, limit: number): SearchHit[];
}

const KIND_WEIGHT: Record<SearchRecord['kind'], number> = { summary: 1.5, quote: 1.3, 'key-point': 1 };
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
/** Separates a document's texts in its word sequence; matches no term. */
const TEXT_BREAK = -1;

/** A query word as term ids: its stems as whole words, and for the last word, ranges of terms it begins. */
interface TokenMatch {
  /** Term ids of the word's German and English stems that occur. */
  exact: number[];
  /** [lo, hi) ranges of terms starting with the word (the last word only). */
  ranges: [number, number][];
  /** Postings to walk for this word. */
  cost: number;
}

/** An Int32Array that grows as it is appended to. */
class IntBuffer {
  array = new Int32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.array.length) {
      const grown = new Int32Array(this.array.length * 2);
      grown.set(this.array);
      this.array = grown;
    }
    this.array[this.length++] = value;
  }
  done(): Int32Array {
    return this.array.slice(0, this.length);
  }
}

/** `documents` must be newest first: equal scores keep that order. */
export function createSearchIndex(documents: readonly SearchDocument[]): SearchIndex {
  // Number the terms in first-seen order, then renumber them in sorted order.
  // Each distinct word is stemmed once per language, then found by its folded form.
  const firstIds = new Map<string, number>();
  const wordIds: Record<Language, Map<string, number>> = { de: new Map(), en: new Map() };
  const lastDocOfTerm: number[] = [];
  const termsByDoc = new IntBuffer();
  const words = new IntBuffer();
  const docOffsets = new Int32Array(documents.length + 1);
  const wordOffsets = new Int32Array(documents.length + 1);
  for (let d = 0; d < documents.length; d++) {
    const texts = documents[d]!.texts;
    for (let x = 0; x < texts.length; x++) {
      const { language, text } = texts[x]!;
      const known = wordIds[language];
      if (x > 0) words.push(TEXT_BREAK);
      for (const token of tokenize(text)) {
        let id = known.get(token);
        if (id === undefined) {
          const key = term(token, language);
          id = firstIds.get(key);
          if (id === undefined) {
            firstIds.set(key, (id = firstIds.size));
            lastDocOfTerm.push(-1);
          }
          known.set(token, id);
        }
        words.push(id);
        if (lastDocOfTerm[id] !== d) {
          lastDocOfTerm[id] = d;
          termsByDoc.push(id);
        }
      }
    }
    docOffsets[d + 1] = termsByDoc.length;
    wordOffsets[d + 1] = words.length;
  }
  const terms = [...firstIds.keys()].sort();
  const renumber = new Int32Array(terms.length);
  for (let t = 0; t < terms.length; t++) renumber[firstIds.get(terms[t]!)!] = t;
  /** Terms below this id are German, the others English. */
  const firstEnglish = lowerBound(terms, TERM_PREFIX.en);

  // Each document's terms (sorted, for binary search), its words in order, and each term's documents.
  const docTerms = termsByDoc.done();
  for (let i = 0; i < docTerms.length; i++) docTerms[i] = renumber[docTerms[i]!]!;
  const sequence = words.done();
  for (let i = 0; i < sequence.length; i++) if (sequence[i] !== TEXT_BREAK) sequence[i] = renumber[sequence[i]!]!;
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
  const postingsOf = (lo: number, hi: number): number => postingOffsets[hi]! - postingOffsets[lo]!;

  const match = (word: string, prefix: boolean): TokenMatch => {
    const exact: number[] = [];
    const ranges: [number, number][] = [];
    let cost = 0;
    for (const lang of ['de', 'en'] as const) {
      if (prefix) {
        const lo = lowerBound(terms, TERM_PREFIX[lang] + word);
        const hi = lowerBound(terms, `${TERM_PREFIX[lang]}${word}\uffff`, lo);
        if (hi > lo) {
          ranges.push([lo, hi]);
          cost += postingsOf(lo, hi);
        }
      }
      const key = TERM_PREFIX[lang] + stem(word, lang);
      const id = lowerBound(terms, key);
      if (terms[id] === key) {
        exact.push(id);
        if (!ranges.some(([lo, hi]) => id >= lo && id < hi)) cost += postingsOf(id, id + 1);
      }
    }
    return { exact, ranges, cost };
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
    for (const id of token.exact) {
      const i = firstTermAtLeast(d, id);
      if (i < end && docTerms[i] === id) return 1;
    }
    for (const [lo, hi] of token.ranges) {
      const i = firstTermAtLeast(d, lo);
      if (i < end && docTerms[i]! < hi) return PREFIX_WEIGHT;
    }
    return 0;
  };
  const matches = (id: number, token: TokenMatch): boolean => token.exact.includes(id) || token.ranges.some(([lo, hi]) => id >= lo && id < hi);
  /** Where in document d's words the phrase starts, -1 when it does not occur in one of its texts. */
  const phraseAt = (d: number, phrase: readonly TokenMatch[], from = wordOffsets[d]!): number => {
    const end = wordOffsets[d + 1]! - phrase.length;
    for (let i = from; i <= end; i++) {
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
    const found = { de: new Set<number>(), en: new Set<number>() };
    for (let i = wordOffsets[d]!; i < wordOffsets[d + 1]!; i++) {
      const id = sequence[i]!;
      if (id === TEXT_BREAK) continue;
      const lang = id < firstEnglish ? 'de' : 'en';
      tokens.forEach((token, k) => {
        if (matches(id, token)) found[lang].add(k);
      });
    }
    const other = reader === 'de' ? 'en' : 'de';
    return found[other].size > found[reader].size ? other : reader;
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
      const consider = (d: number): void => {
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
        const tier: SearchMatch = matched < tokens.length ? 'some' : phrase !== undefined && phraseAt(d, phrase) >= 0 ? 'phrase' : 'all';
        top.offer(d, TIER[tier] + weight * KIND_WEIGHT[documents[d]!.record.kind]);
      };
      const seen: number[] = [];
      const walk = (token: TokenMatch): void => {
        const walkTerms = (lo: number, hi: number): void => {
          for (let i = postingOffsets[lo]!; i < postingOffsets[hi]!; i++) {
            const d = postings[i]!;
            if (visited[d]) continue;
            visited[d] = 1;
            seen.push(d);
            consider(d);
          }
        };
        for (const id of token.exact) walkTerms(id, id + 1);
        for (const [lo, hi] of token.ranges) walkTerms(lo, hi);
      };

      const total = present.reduce((sum, token) => sum + token.cost, 0);
      if (total <= MAX_POSTINGS) {
        // Every document with any of the words.
        for (const token of present) walk(token);
      } else {
        // Too broad to collect fully. Documents with every word are found through the
        // rarest word when it is rare enough; the rest, newest first, a bounded number of them.
        const rarest = present.reduce((a, b) => (b.cost < a.cost ? b : a));
        if (present.length === tokens.length && rarest.cost <= MAX_POSTINGS) walk(rarest);
        const worst = top.sorted()[limit - 1];
        if (worst === undefined || worst.score < TIER.all) {
          for (let d = 0; d < Math.min(documents.length, MAX_SCANNED_DOCUMENTS); d++) if (!visited[d]) consider(d);
        }
      }
      for (const d of seen) visited[d] = 0;

      return top.sorted().map(({ index, score }): SearchHit => {
        const document = documents[index]!;
        const match: SearchMatch = score >= TIER.phrase ? 'phrase' : score >= TIER.all ? 'all' : 'some';
        const language = languageOf(index, tokens, match === 'phrase' ? phrase : undefined, lang);
        const text = (document.texts.find((t) => t.language === language) ?? document.texts[0]!).text;
        return { ...document.record, paragraph: document.paragraph, language, text, match, score };
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
