// Names the knowledge base does not know yet: people the text introduces by an
// office or title ("der kirgisische Präsident Sadyr Japarov", "Foreign Minister
// Ann Linde"), by an apposition ("Anaïs Marin, eine Expertin für …", "Jane Doe,
// a professor at …") or as the subject of a verb of saying ("Jane Doe said").
// Each is proposed with the paragraph and the words that introduce it; a
// curator decides. Photo credits and bylines ("Name/Agency") are not people the
// article is about (data/README.md), so a name next to a slash is left out.
import { DETERMINERS } from './determiners.js';
import type { Lang } from './draft-article.js';
import type { Paragraph } from './paragraphs.js';

export interface NameFound {
  name: string;
  paragraph: number;
  /** The words that introduce the name: its office, title or apposition. */
  introducedAs: string;
  /** Introduced by a political or official office ("Präsident", "spokeswoman"): a person whose words are facts, not an expert to quote. */
  official: boolean;
}

// A name: two or three capitalised words (hyphens, apostrophes and diacritics allowed).
const WORD = String.raw`\p{Lu}[\p{Ll}\p{M}'’]+(?:-\p{Lu}?[\p{Ll}\p{M}'’]+)*`;
const NAME = String.raw`(${WORD}(?:\s+${WORD}){1,2})`;

const GERMAN_OFFICES = [
  'Präsident',
  'Präsidentin',
  'Vizepräsident',
  'Vizepräsidentin',
  'Premierminister',
  'Premierministerin',
  'Ministerpräsident',
  'Ministerpräsidentin',
  'Regierungschef',
  'Regierungschefin',
  'Außenminister',
  'Außenministerin',
  'Verteidigungsminister',
  'Verteidigungsministerin',
  'Innenminister',
  'Innenministerin',
  'Minister',
  'Ministerin',
  'Bundeskanzler',
  'Bundeskanzlerin',
  'Kanzler',
  'Kanzlerin',
  'Generalsekretär',
  'Generalsekretärin',
  'Sprecher',
  'Sprecherin',
  'Botschafter',
  'Botschafterin',
  'Bürgermeister',
  'Bürgermeisterin',
  'General',
  'Oberst',
  'Professor',
  'Professorin',
  'Politologe',
  'Politologin',
  'Analyst',
  'Analystin',
  'Oppositionsführer',
  'Oppositionsführerin',
  'Abgeordnete',
  'Abgeordneter',
  'König',
  'Königin',
];
const ENGLISH_OFFICES = [
  'President',
  'Vice President',
  'Prime Minister',
  'Foreign Minister',
  'Defence Minister',
  'Defense Minister',
  'Interior Minister',
  'Minister',
  'Chancellor',
  'Secretary-General',
  'Secretary General',
  'Secretary of State',
  'Secretary',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'Ambassador',
  'Mayor',
  'General',
  'Colonel',
  'Professor',
  'Senator',
  'Governor',
  'King',
  'Queen',
  'Premier',
  'analyst',
  'opposition leader',
];
const APPOSITIONS = [
  'Experte',
  'Expertin',
  'Analyst',
  'Analystin',
  'Professor',
  'Professorin',
  'Politologe',
  'Politologin',
  'Forscher',
  'Forscherin',
  'Direktor',
  'Direktorin',
  'Leiter',
  'Leiterin',
  'Sprecher',
  'Sprecherin',
  'Historiker',
  'Historikerin',
  'expert',
  'analyst',
  'professor',
  'researcher',
  'director',
  'head',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'historian',
  'fellow',
  'senior fellow',
  'lecturer',
  'chairman',
  'leader',
];
const SAYING = ['sagte', 'sagt', 'erklärte', 'betonte', 'meinte', 'schrieb', 'warnte', 'said', 'says', 'told', 'added', 'wrote', 'warned', 'stated'];

const alternatives = (words: readonly string[]): string => [...words].sort((a, b) => b.length - a.length).join('|');

/** Verbs that may stand before an office ("teilte Regierungssprecher X mit") and are no adjective of it. */
const VERBS_BEFORE_OFFICE = [...SAYING, 'teilte', 'meldete', 'berichtete'];

/** A German compound ending in an office ("Übergangspräsidentin", "Regierungssprecher"). */
const GERMAN_OFFICE_COMPOUND = String.raw`\p{Lu}[\p{Ll}\p{M}]+(?:${alternatives(GERMAN_OFFICES.map((office) => office.toLowerCase()))})`;
const OFFICE_COMPOUND_WORD = new RegExp(`^${GERMAN_OFFICE_COMPOUND}$`, 'u');

/** Offices that make an expert, not an official: the words of a professor or an analyst are quoted. */
const EXPERT_TITLES = new Set(['Professor', 'Professorin', 'Politologe', 'Politologin', 'Analyst', 'Analystin', 'analyst']);
const OFFICIAL = new RegExp(
  String.raw`(?<![\p{L}])(?:${alternatives([...GERMAN_OFFICES, ...ENGLISH_OFFICES].filter((office) => !EXPERT_TITLES.has(office)))})(?![\p{L}])|(?<![\p{L}])${GERMAN_OFFICE_COMPOUND}(?![\p{L}])`,
  'u',
);

const PATTERNS: { pattern: RegExp; intro: (m: RegExpExecArray) => string; name: (m: RegExpExecArray) => string }[] = [
  {
    // "der kirgisische Präsident Sadyr Japarov", "Außenminister Sergej Lawrow", "Foreign Minister Ann Linde"
    // and German compounds of an office: "Übergangspräsidentin Rosa Otunbajewa", "Regierungssprecher Asimbek Beknasarow"
    pattern: new RegExp(
      String.raw`((?<![\p{L}])(?:(?!(?:${alternatives(VERBS_BEFORE_OFFICE)})\s)\p{L}+e[rnms]?\s+)?(?:${alternatives([...GERMAN_OFFICES, ...ENGLISH_OFFICES])}|${GERMAN_OFFICE_COMPOUND}))\s+${NAME}`,
      'gu',
    ),
    intro: (m) => m[1]!,
    name: (m) => m[2]!,
  },
  {
    // "Anaïs Marin, eine Expertin für …", "Jane Doe, a professor at …"
    pattern: new RegExp(
      String.raw`${NAME},\s+((?:(?:ein|eine|der|die|a|an|the)\s+)?(?:[\p{L}-]+\s+)?(?:${alternatives(APPOSITIONS)})\b[^,.;]*)`,
      'gu',
    ),
    intro: (m) => m[2]!.trim(),
    name: (m) => m[1]!,
  },
  {
    // "Jane Doe said", "Hans Muster sagte"
    pattern: new RegExp(String.raw`${NAME}\s+(${alternatives(SAYING)})\b`, 'gu'),
    intro: () => '',
    name: (m) => m[1]!,
  },
];

/** Words that begin a sentence or a noun phrase, never a name. */
const NOT_A_NAME_START = new Set([
  ...DETERMINERS,
  'Einer',
  'Eines',
  'Einige',
  'Diese',
  'Dieser',
  'Sie',
  'Er',
  'Es',
  'Wir',
  'Ihr',
  'Im',
  'Am',
  'Laut',
  'Auch',
  'Aber',
  'Doch',
  'A',
  'An',
  'This',
  'That',
  'These',
  'Those',
  'He',
  'She',
  'It',
  'They',
  'We',
  'But',
  'And',
  'In',
  'On',
  'At',
  'Mr',
  'Mrs',
  'Ms',
  'Dr',
  'President',
  'Minister',
  'Prime',
]);

/**
 * New people named in the paragraphs, each once; `isKnown` tells names the
 * knowledge base holds, `lang` the text's language: only German capitalises
 * its nouns, so only there is a word ending in "-ie" perhaps a noun.
 */
export function findNewNames(paragraphs: readonly Paragraph[], isKnown: (name: string) => boolean, lang: Lang): NameFound[] {
  const found: NameFound[] = [];
  const seen = new Set<string>();
  const nouns = lang === 'de' ? germanNouns(paragraphs) : undefined;
  const isNoun = (word: string): boolean => NOUN_ENDING.test(word) || (IE_ENDING.test(word) && nouns !== undefined && nouns.has(word));
  for (const { number, text } of paragraphs) {
    for (const { pattern, intro, name } of PATTERNS) {
      for (const match of text.matchAll(pattern)) {
        const candidate = name(match).trim();
        const end = match.index + match[0].length;
        const words = candidate.split(/\s+/);
        if (NOT_A_NAME_START.has(words[0]!) || words.some((word) => OFFICE_WORDS.has(word) || OFFICE_COMPOUND_WORD.test(word) || isNoun(word)))
          continue;
        // "an der Universität Birmingham": after an article or a preposition comes a noun phrase, not a name.
        const at = match.index + match[0].indexOf(candidate);
        if (ARTICLE_BEFORE.test(text.slice(Math.max(0, at - 12), at))) continue;
        // Credits: "Foto: Jane Doe/Reuters".
        if (text[end] === '/' || text.slice(Math.max(0, match.index - 1), match.index).includes('/')) continue;
        if (isKnown(candidate) || seen.has(candidate)) continue;
        seen.add(candidate);
        const introducedAs = intro(match);
        found.push({ name: candidate, paragraph: number, introducedAs, official: OFFICIAL.test(introducedAs) });
      }
    }
  }
  return found;
}

/** Noun endings no given name or surname has (German, and English "-ion": "Federation"). */
const NOUN_ENDING = /(?:ität|ung|heit|keit|schaft|ion|ium|ismus|tum|nis|ei)$/u;
/** A German noun ending ("Demokratie", "Strategie") that names share ("Jackie Baillie", "Marie"): a noun only where the text uses the word as one. */
const IE_ENDING = /ie$/u;
/** A determiner, and perhaps an adjective, before a German noun ("die Demokratie", "seiner neuen Strategie"). */
const DETERMINER_BEFORE = new RegExp(
  String.raw`(?<![\p{L}])(?:[Dd](?:er|ie|as|en|em|es|ies\p{Ll}*)|[EeKk]ein\p{Ll}*|[Ss]ein\p{Ll}*|[Ii]hr\p{Ll}*|[Uu]nser\p{Ll}*|[Jj]ede\p{Ll}*)\s+(?:\p{Ll}+\s+)?(\p{Lu}[\p{Ll}\p{M}]+)`,
  'gu',
);

/** The capitalised words the text uses as German nouns: after a determiner. */
function germanNouns(paragraphs: readonly Paragraph[]): Set<string> {
  return new Set(paragraphs.flatMap(({ text }) => [...text.matchAll(DETERMINER_BEFORE)].map((m) => m[1]!)));
}
const ARTICLE_BEFORE = /(?:^|\s)(?:der|die|das|den|dem|des|von|vom|im|am|beim|zur|zum|an|in|the|of)\s+$/iu;

const OFFICE_WORDS = new Set([...GERMAN_OFFICES, ...ENGLISH_OFFICES].flatMap((office) => office.split(/\s+/)));
