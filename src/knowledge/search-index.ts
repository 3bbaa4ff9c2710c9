// Full-text search over short passages (summary points, key points, quotes) in
// German and English. Words are matched by their stems (search-terms.ts), each
// in the language of the text it stands in; a query word is looked up as a
// German and as an English word, so an English word finds a German quote
// through its translation and the other way round.
//
// Stop words (search-terms.ts) are neither indexed nor looked up, each in its own
// language only, and a query is read in one language, whose stop words it drops:
// the reader's, unless the other reading fits the index better (readingOf). An
// English reader's "war" is the English word (Krieg), looked up among English
// terms only, never German "war" (was), which is not indexed; "die" likewise. A
// German reader's "war" is a stop word of the reading; alone, it reads as English
// "war", the only word it can be. A content word of both languages ("art", German
// "Art") is looked up in both: that is how "Groll" finds its quote for an English
// reader; the reader's language ranks first. In a phrase a stop word is a place
// that any stop word fills.
//
// The index is search-tables.ts's: all terms with a given prefix form one id
// range, and each document's words in order give phrase matches and the
// language that matched. The last query word may be unfinished, since people
// type it: from PREFIX_MIN letters it also matches the words it begins (below
// that, it is mostly a whole short word, "war" or "art", whose beginnings are
// chance: "wäre", "Artikel").
//
// Ranking: the whole query as a phrase, then every word, then some words;
// within each, hits whose match is in the reader's language (shown in it) first,
// then how many words matched as whole words, the kind of record, then newer
// articles first.
import { type Language, LANGUAGES } from '../i18n/language.js';
import type { SearchHit, SearchMatch, SearchRecord } from './knowledge-base.js';
import { lowerBound } from './lower-bound.js';
import { tokenize } from './normalize.js';
import { buildSearchTables, type IndexedDocument, SEARCH_KINDS, type SearchTables, STOP_WORD } from './search-tables.js';
import { isStopWord, stem, TERM_PREFIX } from './search-terms.js';
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
/** Score per tier; a tier's weights stay below it (READER_BONUS + at most MAX_TOKENS × 1.5). */
const TIER: Record<SearchMatch, number> = { phrase: 300, all: 200, some: 100 };
/** Within a tier, for a match in the reader's language: more than the rest of the weights (at most MAX_TOKENS × 1.5). */
const READER_BONUS = 20;
/** Letters the last query word needs to match the words it begins. */
const PREFIX_MIN = 4;
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
 * whole words (one id each), then, for the last word, the ranges of terms it begins. Only
 * in the languages where it is no stop word.
 */
interface TokenMatch {
  spans: Int32Array;
  /** How many of the spans are whole words (the rest are prefix ranges). */
  whole: number;
  /** Postings to walk for this word. */
  cost: number;
  /** Its postings among each language's terms: none, and no wording in that language has it. */
  costIn: Record<Language, number>;
}

/** A place in a phrase where the query has a stop word: a stop word of the record's text fills it. */
const STOP_SLOT: TokenMatch = { spans: Int32Array.of(STOP_WORD, STOP_WORD + 1), whole: 1, cost: 0, costIn: { de: 0, en: 0 } };

/** What foundIn() reports of a word in a document: in its German, its English wording, as a whole word. */
const FOUND_DE = 1;
const FOUND_EN = 2;
const FOUND_WHOLE = 4;

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
  const languageOfTerm = (id: number): Language => (id < firstEnglish ? 'de' : 'en');

  const match = (word: string, prefix: boolean): TokenMatch => {
    const whole: number[] = [];
    const ranges: number[] = [];
    for (const lang of LANGUAGES) {
      if (isStopWord(word, lang)) continue;
      const key = TERM_PREFIX[lang] + stem(word, lang);
      const id = lowerBound(terms, key);
      if (terms[id] === key) whole.push(id, id + 1);
      if (prefix && word.length >= PREFIX_MIN) {
        const lo = lowerBound(terms, TERM_PREFIX[lang] + word);
        const hi = lowerBound(terms, `${TERM_PREFIX[lang]}${word}\uffff`, lo);
        if (hi > lo) ranges.push(lo, hi);
      }
    }
    const costIn: Record<Language, number> = { de: 0, en: 0 };
    for (let i = 0; i < whole.length; i += 2) {
      const id = whole[i]!;
      let inRange = false;
      for (let r = 0; r < ranges.length; r += 2) inRange ||= id >= ranges[r]! && id < ranges[r + 1]!;
      if (!inRange) costIn[languageOfTerm(id)] += postingsOf(id, id + 1);
    }
    for (let r = 0; r < ranges.length; r += 2) costIn[languageOfTerm(ranges[r]!)] += postingsOf(ranges[r]!, ranges[r + 1]!);
    return { spans: Int32Array.from([...whole, ...ranges]), whole: whole.length / 2, cost: costIn.de + costIn.en, costIn };
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
  /** Which of document d's wordings have the word (FOUND_DE, FOUND_EN), and FOUND_WHOLE when as a whole word, not only a prefix. */
  const foundIn = (d: number, token: TokenMatch): number => {
    const end = docOffsets[d + 1]!;
    const { spans } = token;
    const wholeSpans = 2 * token.whole;
    let found = 0;
    for (let s = 0; s < spans.length; s += 2) {
      const wording = spans[s]! < firstEnglish ? FOUND_DE : FOUND_EN;
      // A prefix adds nothing to a wording that has the whole word.
      if (s >= wholeSpans && (found & wording) !== 0) continue;
      const i = firstTermAtLeast(d, spans[s]!);
      if (i < end && docTerms[i]! < spans[s + 1]!) found |= s < wholeSpans ? wording | FOUND_WHOLE : wording;
    }
    return found;
  };
  const matches = (id: number, token: TokenMatch): boolean => {
    const { spans } = token;
    for (let s = 0; s < spans.length; s += 2) if (id >= spans[s]! && id < spans[s + 1]!) return true;
    return false;
  };
  /** The language of the wording of document d that has the phrase, the reader's if both do; undefined if neither. */
  const phraseLanguage = (d: number, phrase: readonly TokenMatch[], reader: Language): Language | undefined => {
    let found: Language | undefined;
    const end = wordOffsets[d + 1]! - phrase.length;
    for (let i = wordOffsets[d]!; i <= end; i++) {
      let k = 0;
      while (k < phrase.length && matches(sequence[i + k]!, phrase[k]!)) k++;
      if (k < phrase.length) continue;
      // A phrase begins with a word, not a stop word: a term of one language.
      found = languageOfTerm(sequence[i]!);
      if (found === reader) return found;
    }
    return found;
  };

  return {
    search(query, lang, limit) {
      // The words as typed (repeats kept, for the phrase), up to MAX_TOKENS distinct ones;
      // a stop word in both languages is only a place in the phrase.
      const typed: string[] = [];
      const words: string[] = [];
      for (const word of tokenize(query.slice(0, MAX_QUERY_CHARS))) {
        if (!words.includes(word) && !(isStopWord(word, 'de') && isStopWord(word, 'en'))) {
          if (words.length === MAX_TOKENS) break;
          words.push(word);
        }
        typed.push(word);
        if (typed.length === MAX_PHRASE) break;
      }
      if (words.length === 0 || limit <= 0) return [];
      const last = typed[typed.length - 1];
      const byWord = new Map(words.map((word) => [word, match(word, word === last)]));
      const other: Language = lang === 'de' ? 'en' : 'de';
      const reading = readingOf(words, lang, (word) => byWord.get(word)!.cost > 0);
      const tokens = words.filter((word) => !isStopWord(word, reading)).map((word) => byWord.get(word)!);
      const present = tokens.filter((token) => token.cost > 0);
      if (present.length === 0) return [];
      /** Bit k for tokens[k]: the words a hit with all words has. */
      const all = (1 << tokens.length) - 1;
      // A phrase is the query's words in the order typed, repeats included, its stop words as places
      // a stop word fills; from its first word to its last, at least two words.
      let phrase: TokenMatch[] | undefined;
      if (present.length === tokens.length) {
        const slots = typed.map((word) => (isStopWord(word, reading) ? STOP_SLOT : byWord.get(word)!));
        while (slots[0] === STOP_SLOT) slots.shift();
        while (slots[slots.length - 1] === STOP_SLOT) slots.pop();
        if (slots.filter((slot) => slot !== STOP_SLOT).length >= 2) phrase = slots;
      }
      // A phrase or all words can be in the reader's wording only if each word is among its terms.
      const readerBonus = present.length === tokens.length && tokens.every((token) => token.costIn[lang] > 0) ? READER_BONUS : 0;

      // What evaluate() found of the query in a document: the words in each wording (bit k for
      // tokens[k]), and their weight.
      let byReader = 0;
      let byOther = 0;
      let weight = 0;
      const evaluate = (d: number): void => {
        let de = 0;
        let en = 0;
        weight = 0;
        for (let k = 0; k < tokens.length; k++) {
          const token = tokens[k]!;
          if (token.cost === 0) continue;
          const found = foundIn(d, token);
          if (found & FOUND_DE) de |= 1 << k;
          if (found & FOUND_EN) en |= 1 << k;
          if (found & FOUND_WHOLE) weight += 1;
          else if (found !== 0) weight += PREFIX_WEIGHT;
        }
        byReader = lang === 'de' ? de : en;
        byOther = lang === 'de' ? en : de;
      };
      /** The language a hit of the tier shows (after evaluate()): the wording that has all words, else the most, the reader's on a tie. */
      const shownLanguage = (match: Exclude<SearchMatch, 'phrase'>): Language => {
        if (match === 'all' && byReader === all) return lang;
        if (match === 'all' && byOther === all) return other;
        return bitCount(byOther) > bitCount(byReader) ? other : lang;
      };

      const top = new TopScores(limit);
      let phraseChecks = 0;
      /** The best tier a document considered from now on can reach: a phrase only while phrase checks are left. */
      const best = (): number => (phrase !== undefined && phraseChecks < MAX_PHRASE_CHECKS ? TIER.phrase : TIER.all);
      const consider = (d: number): void => {
        const kind = kindWeights[d]!;
        // Most documents of a broad query cannot make it into the top: skip them before any work.
        if (!top.accepts(d, best() + readerBonus + present.length * kind)) return;
        evaluate(d);
        const found = byReader | byOther;
        if (found === 0) return;
        const base = weight * kind;
        if (found !== all) top.offer(d, TIER.some + (shownLanguage('some') === lang ? READER_BONUS : 0) + base);
        else if (phrase !== undefined && phraseChecks++ < MAX_PHRASE_CHECKS && top.accepts(d, TIER.phrase + readerBonus + base)) {
          const language = phraseLanguage(d, phrase, lang);
          if (language === undefined) top.offer(d, TIER.all + (byReader === all ? READER_BONUS : 0) + base);
          else top.offer(d, TIER.phrase + (language === lang ? READER_BONUS : 0) + base);
        } else top.offer(d, TIER.all + (byReader === all ? READER_BONUS : 0) + base);
      };
      const seen: number[] = [];
      const walk = (token: TokenMatch): void => {
        const walkTerms = (lo: number, hi: number): void => {
          for (let i = postingOffsets[lo]!; i < postingOffsets[hi]!; i++) {
            const d = postings[i]!;
            // A term's documents come in index order: once the top is full of hits at least as good
            // as the best any document could still score, none after this one can enter it.
            if (!top.accepts(d, best() + readerBonus + present.length * MAX_KIND_WEIGHT)) break;
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
        let language: Language;
        if (match === 'phrase') language = phraseLanguage(index, phrase!, lang) ?? lang;
        else {
          evaluate(index);
          language = shownLanguage(match);
        }
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

/**
 * The language a query is read in, whose stop words it drops: the reader's, unless the
 * other language's reading leaves fewer words that are nowhere in the index (an English
 * reader's "Armenien und Aserbaidschan": no English wording has "und") or the reader's
 * reading has no word left (a German reader's "war" alone reads as English "war").
 */
function readingOf(words: readonly string[], reader: Language, isPresent: (word: string) => boolean): Language {
  const other: Language = reader === 'de' ? 'en' : 'de';
  const needed = (reading: Language): string[] => words.filter((word) => !isStopWord(word, reading));
  const missing = (reading: Language): number => needed(reading).filter((word) => !isPresent(word)).length;
  if (needed(reader).length === 0) return other;
  return needed(other).length > 0 && missing(other) < missing(reader) ? other : reader;
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
