// Words as search terms: folded (see normalize.ts), then reduced to their stem
// with the Snowball stemmer of the text's language, so "Bündnisses" meets
// "Bündnis", "Armeniens" "Armenien", "Glaubwürdigkeit" "glaubwürdig", and
// "alliances" "alliance". A term carries its language ("de:bundnis"): a German
// stem never matches an English word that happens to be spelled alike, and a
// hit knows in which language it matched.
import { stemmer as englishStemmer } from '@orama/stemmers/english';
import { stemmer as germanStemmer } from '@orama/stemmers/german';

import type { Language } from '../i18n/language.js';

const STEMMERS: Record<Language, (word: string) => string> = { de: germanStemmer, en: englishStemmer };

/**
 * Function words. A content word whose stem collapses onto one of these keeps
 * its whole form instead: Snowball reduces "Sicherheit" to "sich", which would
 * make every reflexive verb a match.
 */
const FUNCTION_WORDS: Record<Language, ReadonlySet<string>> = {
  de: new Set(
    'ab als am an auch auf aus bei bis da das dass dem den der des die doch durch ein eine einem einen einer eines er es fur hat ich ihr im in ist ja kein mit nach nicht noch nur ob oder ohne sein sich sie so uber um und uns von vor war was wie wir zu zum zur'.split(
      ' ',
    ),
  ),
  en: new Set(
    'a all an and are as at be been but by can do for from had has have he her his how i if in into is it its no not of on one or our she so than that the their them then there these they this those to up us was we were what when which who will with you'.split(
      ' ',
    ),
  ),
};

/** The prefix that marks a term's language; terms of one language form one range when sorted. */
export const TERM_PREFIX: Record<Language, string> = { de: 'de:', en: 'en:' };

const stemCache: Record<Language, Map<string, string>> = { de: new Map(), en: new Map() };
const STEM_CACHE_LIMIT = 200_000;

/** The stem of a folded word (a token from tokenize()) in a language; cached, since words recur. */
export function stem(word: string, lang: Language): string {
  const cache = stemCache[lang];
  let stemmed = cache.get(word);
  if (stemmed === undefined) {
    stemmed = STEMMERS[lang](word);
    if (stemmed === '' || (stemmed !== word && FUNCTION_WORDS[lang].has(stemmed))) stemmed = word;
    if (cache.size >= STEM_CACHE_LIMIT) cache.clear();
    cache.set(word, stemmed);
  }
  return stemmed;
}

/** The search term of a folded word in a language, e.g. "de:bundnis". */
export function term(word: string, lang: Language): string {
  return TERM_PREFIX[lang] + stem(word, lang);
}
