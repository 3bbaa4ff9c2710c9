import { fileURLToPath } from 'node:url';

import { beforeAll, describe, expect, it } from 'vitest';

import { countryId, dataSetCountries, isKnownIsoCode } from '../../src/knowledge/country-data-set.js';
import { createKnowledgeBase } from '../../src/knowledge/create-knowledge-base.js';
import { checkCrossReferences, type Located } from '../../src/knowledge/cross-references.js';
import type { Dataset } from '../../src/knowledge/knowledge-base.js';
import { loadDataset } from '../../src/knowledge/load.js';
import { COUNTRY_DATA_SET_FILE, withCountryDataSet } from '../../src/knowledge/merge-countries.js';
import { fold } from '../../src/knowledge/normalize.js';
import type { Country, Entity } from '../../src/knowledge/schema.js';

const realData = fileURLToPath(new URL('../../data', import.meta.url));

let dataset: Dataset;
beforeAll(async () => {
  const result = await loadDataset(realData);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  dataset = result.dataset;
});

const countries = (): Country[] => dataset.entities.filter((e): e is Country => e.kind === 'country');

describe('the country data set', () => {
  it('makes every country of ISO 3166-1 an entity, once', () => {
    const byIso = new Map(countries().flatMap((c) => (c.iso === undefined ? [] : [[c.iso, c] as const])));
    expect(byIso.size).toBe(dataSetCountries().length);
    expect(dataSetCountries().length).toBeGreaterThanOrEqual(249);
    for (const { record } of dataSetCountries()) expect(byIso.has(record.iso), record.iso).toBe(true);
  });

  it('gives curated countries the ids the data set would give them', () => {
    const english = new Map(dataSetCountries().map(({ record }) => [record.iso, record.name.en]));
    for (const country of countries().filter((c) => c.iso !== undefined)) {
      expect(countryId(english.get(country.iso!)!), country.id).toBe(country.id);
    }
    expect(countryId("Côte d'Ivoire")).toBe('cote-divoire');
    expect(countryId('Saint Helena, Ascension and Tristan da Cunha')).toBe('saint-helena-ascension-and-tristan-da-cunha');
  });

  it('merges a curated country with the entry of its code: curated fields win, names are added', () => {
    const russia = dataset.entities.find((e) => e.id === 'russia') as Country;
    expect(russia.iso).toBe('RU');
    expect(russia.name).toEqual({ de: 'Russland', en: 'Russia' });
    expect(russia.description?.en).toMatch(/Moscow/);
    const aliases = russia.aliases.map((a) => a.text);
    expect(aliases).toContain('Kreml');
    expect(aliases).toContain('Russian');
    expect(new Set(aliases.map(fold)).size).toBe(aliases.length);
    expect(countries().filter((c) => c.iso === 'RU')).toHaveLength(1);
  });

  it('adds a country known only from the data set with its code and no description', () => {
    const turkey = dataset.entities.find((e) => e.id === 'turkey') as Country;
    expect(turkey).toMatchObject({ kind: 'country', iso: 'TR', name: { de: 'Türkei', en: 'Turkey' }, facts: [] });
    expect(turkey.description).toBeUndefined();
  });

  it('gives a name two entries share to the one whose own name it is, else the independent state, else neither', () => {
    const owners = (text: string): string[] =>
      countries()
        .filter((c) => c.aliases.some((a) => fold(a.text) === fold(text)) || fold(c.name.de) === fold(text) || fold(c.name.en) === fold(text))
        .map((c) => c.id);
    expect(owners('Kongo')).toEqual(['republic-of-the-congo']);
    expect(owners('French')).toEqual(['france']);
    expect(owners('Congolese')).toEqual([]);
  });

  it('leaves out an entry whose name a curated country of another code uses', () => {
    const curated: Located<Entity> = {
      file: 'entities/countries.json',
      path: '$[0]',
      value: {
        id: 'ruthenia',
        kind: 'country',
        name: { de: 'Ruthenien', en: 'Ruthenia' },
        aliases: [{ text: 'Turkey', lang: 'en' }],
        facts: [],
        corrections: [],
        background: [],
      },
    };
    const merged = withCountryDataSet([curated], []);
    expect(merged.find((at) => at.value.id === 'turkey')).toBeUndefined();
    expect(merged.find((at) => at.value.id === 'armenia')?.file).toBe(COUNTRY_DATA_SET_FILE);
    expect(merged[0]).toBe(curated);
  });
});

describe('ISO codes in commands', () => {
  it('name their country (any case), for countries of the data set and curated ones alike, without becoming aliases in the data', () => {
    const kb = createKnowledgeBase(dataset);
    for (const country of countries().filter((c) => c.iso !== undefined)) {
      expect(kb.resolve('country', country.iso!), country.id).toBe(country.id);
      expect(kb.resolve('country', country.iso!.toLowerCase()), country.id).toBe(country.id);
    }
    expect(kb.resolve('country', 'TR')).toBe('turkey');
    expect(kb.resolve('country', 'ru')).toBe('russia');
    // Offered as the code it is, after names that start with the same letters.
    expect(kb.suggest('country', 'TR', 'en')).toContainEqual(expect.objectContaining({ id: 'turkey', label: 'Turkey (TR)', quality: 'alias' }));
    // Feed text is matched by the data's aliases, which do not hold the codes (unless a curator adds one, as "GB").
    expect(
      countries()
        .find((c) => c.id === 'turkey')
        ?.aliases.map((alias) => alias.text),
    ).not.toContain('TR');
  });
});

describe('ISO codes of curated countries', () => {
  const country = (id: string, iso: string): Located<Entity> => ({
    file: 'entities/countries.json',
    path: `$[${id}]`,
    value: { id, kind: 'country', iso, name: { de: id, en: id }, aliases: [], facts: [], corrections: [], background: [] },
  });

  it('must be codes of the data set, each used once', () => {
    expect(isKnownIsoCode('RU')).toBe(true);
    expect(isKnownIsoCode('SU')).toBe(false);
    const problems = checkCrossReferences({ articles: [], topics: [], entities: [country('a', 'RU'), country('b', 'RU'), country('c', 'SU')] });
    expect(problems).toEqual([
      { file: 'entities/countries.json', path: '$[b].iso', message: 'ISO code "RU" is also the code of entities/countries.json $[a].id' },
      { file: 'entities/countries.json', path: '$[c].iso', message: '"SU" is not an ISO 3166-1 alpha-2 code of the country data set' },
    ]);
  });
});
