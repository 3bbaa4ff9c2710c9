// Text folding shared by lookups and search, so "Weißrussland", "WEISSRUSSLAND"
// and "weissrussland" meet, as do "Barbiéri" and "barbieri". Cyrillic stays
// Cyrillic (only lowercased): we do not guess transliterations, aliases carry them.

const COMBINING_MARKS = /\p{M}/gu;
const QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;
const DASHES = /[\u2010-\u2015\u2212]/g;
const SPACES = /[\s\u00A0\u2000-\u200B\u202F\u205F\u3000]+/g;
const CONTROL = /\p{Cc}/gu;
const NON_ASCII = /[^\x20-\x7e]/;

/** Lowercase, no diacritics, ß→ss, one kind of quote, dash and space; trimmed. */
export function fold(text: string): string {
  let folded = text.toLowerCase();
  if (NON_ASCII.test(folded)) {
    folded = folded
      .replace(CONTROL, ' ')
      .normalize('NFKD')
      .replace(COMBINING_MARKS, '')
      .replace(/ß/g, 'ss')
      .replace(QUOTES, "'")
      .replace(DOUBLE_QUOTES, '"')
      .replace(DASHES, '-');
  }
  return folded.replace(SPACES, ' ').trim();
}

// Marks belong to the word they decorate until folding removes them.
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
/** Per UTF-16 code unit, learnt on first sight: 1 part of a word, 2 a separator (0 not seen yet). */
const charClass = new Uint8Array(0x10000);
const wordCache = new Map<string, string>();
const WORD_CACHE_LIMIT = 100_000;

function isWordChar(codePoint: number): boolean {
  // Outside the BMP (rare: mathematical letters, some scripts) the regex decides each time.
  if (codePoint > 0xffff) return WORD_CHAR.test(String.fromCodePoint(codePoint));
  let known = charClass[codePoint]!;
  if (known === 0) charClass[codePoint] = known = WORD_CHAR.test(String.fromCharCode(codePoint)) ? 1 : 2;
  return known === 1;
}

/** Folds one lowercased word with non-ASCII characters; cached, since the same words recur. */
function foldWord(word: string): string {
  let folded = wordCache.get(word);
  if (folded === undefined) {
    // NFKD can split a ligature or fraction into several characters; keep only letters and digits.
    folded = fold(word).replace(/[^\p{L}\p{N}]/gu, '');
    if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
    wordCache.set(word, folded);
  }
  return folded;
}

/**
 * Walks the words of a text without making a string per word: after next()
 * returns true, lower[start, end) is a word of the lowercased text, `ascii`
 * when all its characters are. A word is a run of letters, marks and digits.
 * Index builds meet millions of words, most of them seen before; they look a
 * word up by its characters and fold (wordToken) only the ones they have not.
 */
export class WordScanner {
  lower = '';
  start = 0;
  end = 0;
  ascii = true;
  private at = 0;

  reset(text: string): void {
    this.lower = text.toLowerCase();
    this.at = 0;
  }

  next(): boolean {
    const lower = this.lower;
    let start = -1;
    let ascii = true;
    let i = this.at;
    while (i < lower.length) {
      const codePoint = lower.codePointAt(i)!;
      if (isWordChar(codePoint)) {
        if (start < 0) start = i;
        if (codePoint > 0x7f) ascii = false;
      } else if (start >= 0) {
        break;
      }
      i += codePoint > 0xffff ? 2 : 1;
    }
    this.at = i;
    if (start < 0) return false;
    this.start = start;
    this.end = i;
    this.ascii = ascii;
    return true;
  }
}

/** The token of the scanner's current word: folded, '' when nothing of it is left (a lone mark). */
export function wordToken(scanner: WordScanner): string {
  const word = scanner.lower.slice(scanner.start, scanner.end);
  return scanner.ascii ? word : foldWord(word);
}

const scanner = new WordScanner();

/** Folded word tokens of a German, English or Russian text, in order (repeats kept). */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  scanner.reset(text);
  while (scanner.next()) {
    const token = wordToken(scanner);
    if (token !== '') tokens.push(token);
  }
  return tokens;
}

/** A word of a text: its folded form and where it stands in the text (UTF-16 offsets, end exclusive). */
export interface WordSpan {
  token: string;
  start: number;
  end: number;
  /** Written in capitals ("US", not "us"), with at least one letter. */
  capitals: boolean;
}

/** The words of a text as tokenize finds them, each with its place in the original text and its case. */
export function wordSpans(text: string): WordSpan[] {
  const spans: WordSpan[] = [];
  let start = -1;
  let ascii = true;
  const add = (end: number): void => {
    const word = text.slice(start, end);
    const lower = word.toLowerCase();
    const token = ascii ? lower : foldWord(lower);
    if (token !== '') spans.push({ token, start, end, capitals: word !== lower && word === word.toUpperCase() });
  };
  for (let i = 0; i < text.length;) {
    const codePoint = text.codePointAt(i)!;
    if (isWordChar(codePoint)) {
      if (start < 0) {
        start = i;
        ascii = true;
      }
      if (codePoint > 0x7f) ascii = false;
    } else if (start >= 0) {
      add(i);
      start = -1;
    }
    i += codePoint > 0xffff ? 2 : 1;
  }
  if (start >= 0) add(text.length);
  return spans;
}
