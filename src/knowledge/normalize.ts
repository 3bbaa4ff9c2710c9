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
const SEPARATORS = /[^\p{L}\p{M}\p{N}]+/u;
const PLAIN_WORD = /^[a-z0-9]*$/;
const wordCache = new Map<string, string>();
const WORD_CACHE_LIMIT = 100_000;

/** Folds one lowercased word; only words with non-ASCII letters need (and get) the cache. */
function foldWord(word: string): string {
  if (PLAIN_WORD.test(word)) return word;
  let folded = wordCache.get(word);
  if (folded === undefined) {
    // NFKD can split a ligature or fraction into several characters; keep only letters and digits.
    folded = fold(word).replace(/[^\p{L}\p{N}]/gu, '');
    if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
    wordCache.set(word, folded);
  }
  return folded;
}

/** Folded word tokens of a German, English or Russian text, in order (repeats kept). */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const word of text.toLowerCase().split(SEPARATORS)) {
    if (word === '') continue;
    const token = foldWord(word);
    if (token !== '') tokens.push(token);
  }
  return tokens;
}
