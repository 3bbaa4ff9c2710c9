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
 * make every reflexive verb a match. (They only guard stems; the words search
 * leaves out are STOP_WORDS.)
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

/**
 * Stop words: function words that say nothing about what a record is about. A word is
 * one only in its own language: a German stop word is not indexed in German wording and
 * not looked up among German terms, and the same for English ("die", "war" and "hat" are
 * German function words but English content words). Folded (ä → a, ß → ss), as tokens are.
 *
 * The Snowball project's lists (snowballstem.org/algorithms/{german,english}/stop.txt,
 * the project whose stemmers stem() uses), less words that carry meaning in this bot's
 * news: German "machen", "weg" (Weg), "weiter", "einig"; English "who" (WHO); plus
 * German "dass", "wäre(n)", "sei(en)", "worden", "ab", "ja", "beim", "sowie" and the
 * English pieces of contractions ("Russia's" → "russia", "s"). The Snowball English list
 * has no "us" (US) and no "will", "can", "may". Folding makes "wäre" and "Ware" alike,
 * "waren" and "Waren": goods are not found by those two words.
 */
const STOP_WORDS: Record<Language, ReadonlySet<string>> = {
  de: new Set(
    `ab aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes anderm andern anderr anders auch auf aus
    bei beim bin bis bist da damit dann das dass dasselbe dazu dein deine deinem deinen deiner deines dem demselben den denn denselben der derer
    derselbe derselben des desselben dessen dich die dies diese diesem diesen dieser dieses dieselbe dieselben dir doch dort du durch ein eine
    einem einen einer eines einige einigem einigen einiger einiges einmal er es etwas euch euer eure eurem euren eurer eures fur gegen gewesen
    hab habe haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im in indem ins ist ja jede jedem jeden
    jeder jedes jene jenem jenen jener jenes jetzt kann kein keine keinem keinen keiner keines konnen konnte man manche manchem manchen mancher
    manches mein meine meinem meinen meiner meines mich mir mit muss musste nach nicht nichts noch nun nur ob oder ohne sehr sei seien sein
    seine seinem seinen seiner seines selbst sich sie sind so solche solchem solchen solcher solches soll sollte sondern sonst sowie uber um
    und uns unser unsere unserem unseren unseres unter viel vom von vor wahrend war ware waren warst was weil welche welchem welchen welcher
    welches wenn werde werden wie wieder will wir wird wirst wo wollen wollte worden wurde wurden zu zum zur zwar zwischen`.split(/\s+/),
  ),
  en: new Set(
    `a about above after again against all am an and any are aren as at be because been before being below between both but by cannot could
    couldn d did didn do does doesn doing don down during each few for from further had hadn has hasn have haven having he her here hers
    herself him himself his how i if in into is isn it its itself ll m me more most mustn my myself no nor not of off on once only or other
    ought our ours ourselves out over own re s same shan she should shouldn so some such t than that the their theirs them themselves then
    there these they this those through to too under until up ve very was wasn we were weren what when where which while whom why with
    would wouldn you your yours yourself yourselves`.split(/\s+/),
  ),
};

/** Whether a folded word is a stop word in a language: such a word is neither indexed nor looked up in that language. */
export function isStopWord(word: string, lang: Language): boolean {
  return STOP_WORDS[lang].has(word);
}

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
