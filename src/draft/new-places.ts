// Places the knowledge base does not know yet, where the text says it is a
// place: a name after a place word ("in der Region Rjasan", "Hauptstadt
// Bischkek", "the city of Kharkiv") or before one ("the Batken region"), the
// place of a news dateline ("Bischkek (Kirgisistan), 13.06.2010 –") and the
// capitals of the country data set where a preposition of place comes before
// them ("in Yerevan"; "Moscow warned" is Russia's government); the last two
// come with their country. Anything else capitalised is left to the curator: a bare name may
// as well be a person or a company.
import { dataSetCountries } from '../knowledge/country-data-set.js';
import { DETERMINERS } from './determiners.js';
import type { Paragraph } from './paragraphs.js';

export interface PlaceFound {
  name: string;
  paragraph: number;
  /** The ISO code of the country whose capital it is. */
  capitalOf?: string;
  /** The id of the country a dateline names after it in parentheses. */
  country?: string;
}

const WORD = String.raw`\p{Lu}[\p{Ll}\p{M}'’]+(?:-\p{Lu}?[\p{Ll}\p{M}'’]+)*`;
const NAME = String.raw`(${WORD}(?:[ \t]+${WORD}){0,2})`;

const GERMAN_BEFORE = ['Region', 'Stadt', 'Hauptstadt', 'Provinz', 'Oblast', 'Gebiet', 'Bezirk', 'Dorf', 'Ortschaft', 'Hafenstadt', 'Grenzstadt'];
const ENGLISH_BEFORE = ['the city of', 'the town of', 'the village of', 'the region of', 'the province of', 'the capital,', 'the capital'];
const ENGLISH_AFTER = ['region', 'province', 'oblast', 'district'];

// German nouns are capitalised too: after a German place word the name is one word ("Region Rjasan Soldaten" names Rjasan).
const GERMAN_NAME = String.raw`(${WORD})`;
const BEFORE = [
  new RegExp(String.raw`(?<![\p{L}])(?:${GERMAN_BEFORE.join('|')})[ \t]+${GERMAN_NAME}`, 'gu'),
  new RegExp(String.raw`(?<![\p{L}])(?:${ENGLISH_BEFORE.join('|')})[ \t]+${NAME}`, 'gu'),
];
/** A preposition of place right before a capital: there the capital is a place, not its government. */
const LOCATIVE_BEFORE = /(?:^|[\s(])(?:in|at|to|from|near|outside|nach|aus|bei)[ \t]+$/iu;
/** A dateline at the start of a paragraph: the place, its country in parentheses, then a comma or a dash. */
const DATELINE = new RegExp(String.raw`^${NAME}[ \t]+\(([^()]{2,40})\)[ \t]*[,–-]`, 'u');
const AFTER = new RegExp(String.raw`${NAME}[ \t]+(?:${ENGLISH_AFTER.join('|')})(?![\p{L}])`, 'gu');

/** German noun endings no place name has ("Region Zentralasiens" aside, these are nouns: "Stadt Verwaltung"). */
const NOUN_ENDING = /(?:ität|ung|heit|keit|schaft|ion|ismus|tum|nis)$/u;
/** Words a place name never begins with: they begin the sentence or the noun phrase before it. */
const LEADING = new Set([...DETERMINERS, 'This', 'That', 'Its', 'In', 'On', 'At', 'From', 'Im']);
/** Words before "region" that make it a description ("the Central Asian region"), not a name. */
const NOT_A_NAME = new Set([
  'Asian',
  'European',
  'Eurasian',
  'Caucasian',
  'Baltic',
  'Arctic',
  'Pacific',
  'Atlantic',
  'Western',
  'Eastern',
  'Northern',
  'Southern',
  'Central',
  'Russian',
]);

/** Capitals that are also given names, surnames or ordinary words. */
const AMBIGUOUS_CAPITALS = new Set([
  'The Valley',
  'The Bottom',
  'West Island',
  'Hamilton',
  'Douglas',
  'Stanley',
  'Victoria',
  'Kingston',
  'Jamestown',
  'Plymouth',
  'Georgetown',
  'Saint-Denis',
]);

let capitals: { pattern: RegExp; country: ReadonlyMap<string, string> } | undefined;
/** One pattern for every capital of the data set, longest first, case as written; not in a compound ("Moscow-led" is not about the city). */
function capitalPattern(): { pattern: RegExp; country: ReadonlyMap<string, string> } {
  if (capitals) return capitals;
  const country = new Map<string, string>();
  for (const c of dataSetCountries()) for (const capital of c.capitals) if (!AMBIGUOUS_CAPITALS.has(capital)) country.set(capital, c.record.iso);
  const escaped = [...country.keys()].sort((a, b) => b.length - a.length).map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  capitals = { pattern: new RegExp(String.raw`(?<![\p{L}\p{M}-])(?:${escaped.join('|')})(?![\p{L}\p{M}-])`, 'gu'), country };
  return capitals;
}

/**
 * Places named in the paragraphs, each once (at its first paragraph);
 * `isKnown` tells names the knowledge base already holds (a country, a known
 * place), `countryNamed` the id of the country a name is, if it is one.
 */
export function findNewPlaces(
  paragraphs: readonly Paragraph[],
  isKnown: (name: string) => boolean,
  countryNamed: (name: string) => string | undefined,
): PlaceFound[] {
  const found: PlaceFound[] = [];
  const seen = new Set<string>();
  const add = (name: string, paragraph: number, capitalOf?: string, inCountry?: string): void => {
    if (seen.has(name) || isKnown(name)) return;
    seen.add(name);
    found.push({ name, paragraph, ...(capitalOf === undefined ? {} : { capitalOf }), ...(inCountry === undefined ? {} : { country: inCountry }) });
  };
  const { pattern, country } = capitalPattern();
  for (const { number, text } of paragraphs) {
    const dateline = DATELINE.exec(text);
    const datelineCountry = dateline === null ? undefined : countryNamed(dateline[2]!.trim());
    if (dateline !== null && datelineCountry !== undefined && !LEADING.has(dateline[1]!.split(/[ \t]+/)[0]!)) {
      add(dateline[1]!, number, country.get(dateline[1]!), datelineCountry);
    }
    for (const match of [...BEFORE.flatMap((before) => [...text.matchAll(before)]), ...text.matchAll(AFTER)]) {
      const words = match[1]!.split(/[ \t]+/);
      while (words.length > 0 && LEADING.has(words[0]!)) words.shift();
      if (words.length === 0 || words.some((word) => NOT_A_NAME.has(word) || NOUN_ENDING.test(word))) continue;
      const name = words.join(' ');
      add(name, number, country.get(name));
    }
    for (const match of text.matchAll(pattern)) {
      // "in Yerevan" is the city; "offended Moscow", "Washington warned" are governments.
      if (LOCATIVE_BEFORE.test(text.slice(Math.max(0, match.index - 12), match.index))) add(match[0], number, country.get(match[0]));
    }
  }
  return found;
}
