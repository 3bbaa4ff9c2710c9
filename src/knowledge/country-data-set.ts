// Every country in the world as a `country` entity, from two well-kept npm data
// sets: i18n-iso-countries (MIT; names in German, English and Russian by ISO
// 3166-1 code) and world-countries (ODbL-1.0; English common and official
// names, German and Russian translations, English demonyms). Read once per
// process: a data reload merges the same records again without reading them.
//
// Ids follow the rule of the curated ids: the English common name (world-
// countries' `name.common`), lowercased, diacritics dropped, apostrophes
// dropped, every other run of characters that are not letters or digits (space,
// comma, hyphen, parenthesis) one hyphen: "Russia" → `russia`, "Côte d'Ivoire"
// → `cote-divoire`, "Saint Helena, Ascension and Tristan da Cunha" →
// `saint-helena-ascension-and-tristan-da-cunha`. One exception: world-countries
// follows the 2022 rename to "Türkiye", English news still write "Turkey",
// so its name and id are `turkey` (both names stay findable).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { fold } from './normalize.js';
import type { Alias, Country } from './schema.js';

interface NameForms {
  common: string;
  official: string;
}

/** The fields of a world-countries record we read. */
interface WorldCountry {
  cca2: string;
  independent?: boolean | null;
  name: NameForms;
  translations: Partial<Record<string, NameForms>>;
  demonyms?: { eng?: { m?: string; f?: string } };
  capital?: string[];
}

/** i18n-iso-countries' names of one language: one name or several per code, the official one first. */
interface IsoNames {
  countries: Record<string, string | string[]>;
}

/** English names world-countries writes otherwise than English news do (see the header). */
const ENGLISH_NAME: Readonly<Record<string, string>> = { TR: 'Turkey' };

/** A country of the data set: an entity record, and whether it is independent (which wins a name two share). */
export interface DataSetCountry {
  record: Country & { iso: string };
  independent: boolean;
  /** The English name, the German name, then the aliases, each with its folded form (folded once per process). */
  names: readonly { alias: Alias; key: string }[];
  /** Its capitals' English names (`lagebild draft` proposes them as places). */
  capitals: readonly string[];
}

let cached: readonly DataSetCountry[] | undefined;

/** Every country of the data set, by ISO code order; read on first use, then kept for the process. */
export function dataSetCountries(): readonly DataSetCountry[] {
  cached ??= readDataSet();
  return cached;
}

/** The ISO 3166-1 alpha-2 codes the data set knows: a curated record's `iso` must be one of them. */
export function isKnownIsoCode(code: string): boolean {
  return isoCodes().has(code);
}

let codes: ReadonlySet<string> | undefined;
function isoCodes(): ReadonlySet<string> {
  codes ??= new Set(dataSetCountries().map((c) => c.record.iso));
  return codes;
}

/** The id a country of this English name gets (the rule in the header). */
export function countryId(englishName: string): string {
  return fold(englishName)
    .replace(/['\u2019]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function readDataSet(): DataSetCountry[] {
  const require = createRequire(import.meta.url);
  // Parsed and dropped: only the fields below stay in memory, not the whole 1.4 MB file.
  const read = (path: string): unknown => JSON.parse(readFileSync(require.resolve(path), 'utf8'));
  const world = read('world-countries/countries.json') as WorldCountry[];
  const iso = {
    de: (read('i18n-iso-countries/langs/de.json') as IsoNames).countries,
    en: (read('i18n-iso-countries/langs/en.json') as IsoNames).countries,
    ru: (read('i18n-iso-countries/langs/ru.json') as IsoNames).countries,
  };
  const listed = (names: string | string[] | undefined): string[] => (names === undefined ? [] : typeof names === 'string' ? [names] : names);

  return world
    .filter((c) => /^[A-Z]{2}$/.test(c.cca2))
    .sort((a, b) => (a.cca2 < b.cca2 ? -1 : 1))
    .map((c) => {
      const code = c.cca2;
      const en = ENGLISH_NAME[code] ?? c.name.common;
      const de = c.translations.deu?.common ?? listed(iso.de[code]).at(-1) ?? en;
      const named = (lang: Alias['lang'], texts: (string | undefined)[], adjective?: true): Alias[] =>
        texts.filter(usableName).map((text) => (adjective ? { text, lang, adjective } : { text, lang }));
      const aliases = [
        ...named('en', [c.name.common, c.name.official, ...listed(iso.en[code])]),
        ...named('en', [c.demonyms?.eng?.m, c.demonyms?.eng?.f], true),
        ...named('de', [c.translations.deu?.common, c.translations.deu?.official, ...listed(iso.de[code])]),
        ...named('ru', [c.translations.rus?.common, c.translations.rus?.official, ...listed(iso.ru[code])]),
      ];
      const record: Country & { iso: string } = {
        id: countryId(en),
        kind: 'country',
        iso: code,
        name: { de, en },
        aliases: distinctAliases(aliases, [de, en]),
        facts: [],
        corrections: [],
        background: [],
      };
      const names = [{ text: en, lang: 'en' as const }, { text: de, lang: 'de' as const }, ...record.aliases].map((alias) => ({
        alias,
        key: fold(alias.text),
      }));
      return { record, independent: c.independent === true, names, capitals: c.capital ?? [] };
    });
}

/**
 * A name people write in running text. Catalogue inversions with a comma
 * ("Korea, Republic of", "Syrien, Arabische Republik") are not: the same
 * country has its usual name beside them.
 */
function usableName(text: string | undefined): text is string {
  return text !== undefined && text.trim() !== '' && !text.includes(',');
}

/** Aliases without repeats (by folded text) and without the names themselves. */
export function distinctAliases(aliases: readonly Alias[], names: readonly string[]): Alias[] {
  const seen = new Set(names.map(fold));
  return aliases.filter((alias) => {
    const key = fold(alias.text);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
