// Organisations the knowledge base does not know yet: a name of two or more
// capitalised words (joined by "of", "für", "des" …) one of which is an
// organisation's head word ("University of Birmingham", "Chatham House",
// "Organisation des Vertrags über kollektive Sicherheit"), with the acronym in
// parentheses after it, if any ("… (OVKS)"). A single word ("Außenministerium")
// is left out: without a name it is a description, not an organisation.
import { DETERMINERS } from './determiners.js';
import type { Paragraph } from './paragraphs.js';

export interface OrganisationFound {
  name: string;
  paragraph: number;
  /** The acronym the text gives in parentheses after the name. */
  acronym?: string;
}

/** Head words, matched as a whole word. */
const HEADS = new Set([
  'Universität',
  'University',
  'Institut',
  'Institute',
  'Ministerium',
  'Ministry',
  'Rat',
  'Council',
  'Organisation',
  'Organization',
  'Bank',
  'Partei',
  'Party',
  'Agentur',
  'Agency',
  'Kommission',
  'Commission',
  'Zentrum',
  'Centre',
  'Center',
  'Stiftung',
  'Foundation',
  'House',
]);
/** German heads that also end a compound ("Verteidigungsministerium", "Weltbank"). */
const COMPOUND_HEADS = /(?:ministerium|universität|institut|partei|agentur|kommission|zentrum|stiftung|bank)$/u;

/** Names that look like an organisation's and are not. */
const NOT_ORGANISATIONS = new Set(['West Bank']);

// A capitalised word: letters, marks, apostrophes, hyphens and & ("NATO-Rat", "AT&T"); no full stop, so a name never runs into the next sentence.
const CAP = String.raw`\p{Lu}[\p{L}\p{M}'’&-]*`;
const CONNECTOR = String.raw`(?:of|for|and|on|des|der|für|über|zur|und|von)`;
// "Institute for the Study of War", "über kollektive Sicherheit": an article or a German adjective may follow a connector.
const AFTER_CONNECTOR = String.raw`(?:[ \t]+(?:the|die|den))?(?:[ \t]+\p{Ll}+(?:e|en|er|es))?`;
const SPAN = new RegExp(
  String.raw`${CAP}(?:[ \t]+(?:${CAP}|${CONNECTOR}${AFTER_CONNECTOR}[ \t]+${CAP}))*(?:[ \t]*\((\p{Lu}[\p{Lu}\d&-]{1,9})\))?`,
  'gu',
);

/** Words a name never begins with: articles, prepositions, pronouns and a sentence's first words. */
const LEADING = new Set([
  ...DETERMINERS,
  'Im',
  'Am',
  'Beim',
  'Vom',
  'Zum',
  'Zur',
  'In',
  'An',
  'Auf',
  'Aus',
  'Bei',
  'Mit',
  'Nach',
  'Von',
  'Laut',
  'Auch',
  'Als',
  'Wie',
  'A',
  'At',
  'On',
  'Of',
  'For',
  'From',
  'By',
  'With',
  'According',
  'This',
  'That',
  'Its',
  'His',
  'Her',
  'Their',
  'Our',
]);

function isHead(word: string): boolean {
  return HEADS.has(word) || (word.length > 8 && COMPOUND_HEADS.test(word.toLowerCase()));
}

const CONNECTORS = new Set(['of', 'for', 'and', 'on', 'des', 'der', 'für', 'über', 'zur', 'und', 'von', 'the', 'die', 'den']);
/** Titles that follow a name and begin a person's ("Bank of Russia Governor Elvira Nabiullina"). */
const TITLES = new Set([
  'President',
  'Präsident',
  'Minister',
  'Governor',
  'Chairman',
  'Chair',
  'Director',
  'Direktor',
  'Head',
  'Chief',
  'Secretary',
  'General',
  'Professor',
  'Spokesman',
  'Sprecher',
]);
const capitalised = (word: string | undefined): boolean => word !== undefined && /^\p{Lu}/u.test(word);

/**
 * The name in a span: from the first head word back over the capitalised words
 * right before it ("Chatham House", "Shanghai Cooperation Organisation"), not
 * over a connector (a German noun phrase: "Expertin der Universität Birmingham"
 * names "Universität Birmingham"), an article or a possessive ("Britain's"); and
 * on to one capitalised word right after it ("Universität Birmingham") and
 * phrases of a connector and at most two capitalised words ("of Russia", "on
 * Foreign Relations", "über kollektive Sicherheit"), up to a title.
 */
function nameIn(span: string): string | undefined {
  const words = span.split(/[ \t]+/);
  const head = words.findIndex(isHead);
  if (head < 0) return undefined;
  let start = head;
  while (start > 0 && capitalised(words[start - 1]) && !LEADING.has(words[start - 1]!) && !/['’]s?$/u.test(words[start - 1]!)) start--;
  let end = head + 1;
  if (capitalised(words[end]) && !TITLES.has(words[end]!)) end++;
  for (;;) {
    let next = end;
    while (next < words.length && CONNECTORS.has(words[next]!)) next++;
    if (next === end) break;
    const adjective = next;
    while (next < words.length && !capitalised(words[next]) && !CONNECTORS.has(words[next]!)) next++;
    // After a German adjective comes its one noun ("über kollektive Sicherheit").
    const nouns = next > adjective ? 1 : 2;
    const phrase = next;
    while (next < words.length && next - phrase < nouns && capitalised(words[next]) && !TITLES.has(words[next]!)) next++;
    if (next === phrase) break;
    end = next;
  }
  return words.slice(start, end).join(' ');
}

/**
 * Whether a known organisation's name is part of `name`, with its head word: a
 * known name may run on into the next one ("… kollektive Sicherheit Stanislav
 * Zass") or follow a word that is no part of it ("Moscow-led Collective
 * Security Treaty Organization"). A known place in it ("Bank of Russia") is not.
 */
function holdsKnownName(name: string, isKnown: (name: string) => boolean): boolean {
  const words = name.split(' ');
  const head = words.findIndex(isHead);
  for (let start = 0; start <= head; start++) {
    for (let end = Math.max(head + 1, start + 2); end <= words.length; end++) if (isKnown(words.slice(start, end).join(' '))) return true;
  }
  return false;
}

/**
 * Organisations named in the paragraphs, each once (at its first paragraph);
 * `isKnown` tells names and acronyms the knowledge base already holds.
 */
export function findNewOrganisations(paragraphs: readonly Paragraph[], isKnown: (name: string) => boolean): OrganisationFound[] {
  const found: OrganisationFound[] = [];
  const seen = new Set<string>();
  for (const { number, text } of paragraphs) {
    for (const match of text.matchAll(SPAN)) {
      const acronym = match[1];
      const name = nameIn(acronym === undefined ? match[0] : match[0].slice(0, match[0].lastIndexOf('(')).trim());
      if (name === undefined || NOT_ORGANISATIONS.has(name) || seen.has(name)) continue;
      if (name.split(' ').filter(capitalised).length < 2) continue;
      if (holdsKnownName(name, isKnown) || (acronym !== undefined && isKnown(acronym))) continue;
      seen.add(name);
      found.push({ name, paragraph: number, ...(acronym === undefined ? {} : { acronym }) });
    }
  }
  return found;
}
