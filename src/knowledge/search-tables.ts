// The search index's data: an inverted index in flat typed arrays, built from
// the wordings of every searchable record. Plain data without references to
// the records, so a worker thread can build it from the files it read while
// the calling thread validates them, and hand it over without a copy
// (load-knowledge-base.ts); search-index.ts answers queries over it.
//
// Terms are numbered in sorted order, so all terms with a given prefix form one
// id range. Each document also keeps its words in order, as term ids, for
// phrase matches and to tell which language matched. Stop words of a text's
// language (search-terms.ts) are no terms: in the word order they are STOP_WORD,
// so a phrase still needs a word in their place.
import type { Language } from '../i18n/language.js';
import { IntList } from './int-list.js';
import type { SearchHitKind } from './knowledge-base.js';
import { lowerBound } from './lower-bound.js';
import { WordScanner } from './normalize.js';
import { isStopWord, term, TERM_PREFIX } from './search-terms.js';
import { ABSENT, WordTable } from './word-table.js';

export interface SearchText {
  language: Language;
  text: string;
}

/** What the index needs of a record: its kind (for ranking) and every wording of it. */
export interface IndexedDocument {
  kind: SearchHitKind;
  texts: readonly SearchText[];
}

export interface SearchTables {
  /** Every term (language prefix + stem), sorted; a term's id is its position. */
  terms: string[];
  /** Terms below this id are German, the others English. */
  firstEnglish: number;
  /** Each document's distinct terms, sorted: docTerms[docOffsets[d] .. docOffsets[d + 1]). */
  docOffsets: Int32Array<ArrayBuffer>;
  docTerms: Int32Array<ArrayBuffer>;
  /** Each document's words in order, as term ids (STOP_WORD for a stop word), its texts separated by TEXT_BREAK. */
  wordOffsets: Int32Array<ArrayBuffer>;
  sequence: Int32Array<ArrayBuffer>;
  /** Each term's documents, ascending: postings[postingOffsets[t] .. postingOffsets[t + 1]). */
  postingOffsets: Int32Array<ArrayBuffer>;
  postings: Int32Array<ArrayBuffer>;
  /** Each document's kind, as its index in SEARCH_KINDS. */
  kinds: Uint8Array<ArrayBuffer>;
}

export const SEARCH_KINDS: readonly SearchHitKind[] = ['summary', 'key-point', 'quote'];
/** Separates a document's texts in its word sequence; matches no term. */
export const TEXT_BREAK = -1;
/** A stop word of the text's language in a document's word sequence: no term, a place in a phrase. */
export const STOP_WORD = -2;
/** Characters per word, with the space after it, a little below the average (6.7 in the bench corpus): sizes the build's lists. */
const CHARS_PER_WORD = 6;

/** `documents` in the order hits should keep on equal scores (newest first). */
export function buildSearchTables(documents: readonly IndexedDocument[]): SearchTables {
  const count = documents.length;
  let chars = 0;
  for (const { texts } of documents) for (const { text } of texts) chars += text.length;
  // Number the terms in first-seen order, then renumber them in sorted order.
  // Each distinct word is folded and stemmed once per language; later it is found
  // by its characters in the text, without a string made for it.
  const firstIds = new Map<string, number>();
  const wordIds: Record<Language, WordTable> = { de: new WordTable(), en: new WordTable() };
  const lastDocOfTerm: number[] = [];
  /** A word's term id, by its token: the stem in that language, numbered on first sight; STOP_WORD for a stop word. */
  const termId = (token: string, language: Language): number => {
    if (isStopWord(token, language)) return STOP_WORD;
    const key = term(token, language);
    let id = firstIds.get(key);
    if (id === undefined) {
      firstIds.set(key, (id = firstIds.size));
      lastDocOfTerm.push(-1);
    }
    return id;
  };
  const termIdOf: Record<Language, (token: string) => number> = { de: (token) => termId(token, 'de'), en: (token) => termId(token, 'en') };
  // Room for as many words as the texts hold, so the lists of millions rarely grow.
  const termsByDoc = new IntList(Math.ceil(chars / CHARS_PER_WORD));
  const words = new IntList(Math.ceil(chars / CHARS_PER_WORD) + 2 * count);
  const docOffsets = new Int32Array(count + 1);
  const wordOffsets = new Int32Array(count + 1);
  const kinds = new Uint8Array(count);
  const scanner = new WordScanner();
  for (let d = 0; d < count; d++) {
    const document = documents[d]!;
    kinds[d] = SEARCH_KINDS.indexOf(document.kind);
    const texts = document.texts;
    for (let x = 0; x < texts.length; x++) {
      const { language, text } = texts[x]!;
      const known = wordIds[language];
      if (x > 0) words.push(TEXT_BREAK);
      scanner.reset(text);
      while (scanner.next()) {
        const id = known.valueOf(scanner, termIdOf[language]);
        if (id === ABSENT) continue;
        words.push(id);
        if (id !== STOP_WORD && lastDocOfTerm[id] !== d) {
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

  // Cut to length (a copy, so the spare room is freed), then renumbered.
  const docTerms = termsByDoc.toArray();
  for (let i = 0; i < docTerms.length; i++) docTerms[i] = renumber[docTerms[i]!]!;
  const sequence = words.toArray();
  for (let i = 0; i < sequence.length; i++) if (sequence[i]! >= 0) sequence[i] = renumber[sequence[i]!]!;
  const postingOffsets = new Int32Array(terms.length + 1);
  for (let doc = 0; doc < count; doc++) {
    sortRange(docTerms, docOffsets[doc]!, docOffsets[doc + 1]!);
    for (let i = docOffsets[doc]!; i < docOffsets[doc + 1]!; i++) postingOffsets[docTerms[i]! + 1]!++;
  }
  for (let t = 0; t < terms.length; t++) postingOffsets[t + 1]! += postingOffsets[t]!;
  const postings = new Int32Array(docTerms.length);
  const fill = postingOffsets.slice(0, terms.length);
  for (let doc = 0; doc < count; doc++) {
    for (let i = docOffsets[doc]!; i < docOffsets[doc + 1]!; i++) postings[fill[docTerms[i]!]!++] = doc;
  }
  return { terms, firstEnglish: lowerBound(terms, TERM_PREFIX.en), docOffsets, docTerms, wordOffsets, sequence, postingOffsets, postings, kinds };
}

/** The tables' buffers, to hand to another thread without a copy. */
export function tableBuffers(tables: SearchTables): ArrayBuffer[] {
  const { docOffsets, docTerms, wordOffsets, sequence, postingOffsets, postings, kinds } = tables;
  return [docOffsets, docTerms, wordOffsets, sequence, postingOffsets, postings, kinds].map((array) => array.buffer);
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
