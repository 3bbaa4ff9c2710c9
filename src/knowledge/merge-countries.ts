// Adds the country data set (country-data-set.ts) to the curated entities, so
// every country in the world is an entity. A curated country with an `iso`
// code absorbs the data set's entry of that code: the curated record wins on
// every field it sets, the data set's names are added as aliases. Every other
// entry of the data set becomes a country of its own, with no description.
// Names stay unambiguous (cross-references.ts checks it): a name of the data
// set that a curated country already uses is left out, and one that several
// entries of the data set share goes to the one whose own name it is, else to
// the one independent state among them, else to none ("Congo", "Dominican").
// An entry whose id, or German or English name, a curated record of another
// code already holds is left out.
import { dataSetCountries, type DataSetCountry, distinctAliases } from './country-data-set.js';
import type { Located } from './cross-references.js';
import { fold } from './normalize.js';
import type { Country, Entity } from './schema.js';

/** Where a problem with a record of the data set would be reported. */
export const COUNTRY_DATA_SET_FILE = 'country data set (i18n-iso-countries, world-countries)';

export function withCountryDataSet(entities: readonly Located<Entity>[], topicIds: Iterable<string>): Located<Entity>[] {
  const taken = new Set(topicIds);
  const curatedByIso = new Map<string, number>();
  /** Folded names and aliases of curated countries, with the id that owns each. */
  const curatedNames = new Map<string, string>();
  entities.forEach(({ value }, index) => {
    taken.add(value.id);
    if (value.kind !== 'country') return;
    if (value.iso !== undefined && !curatedByIso.has(value.iso)) curatedByIso.set(value.iso, index);
    for (const text of [value.id, value.name.de, value.name.en, ...value.aliases.map((a) => a.text)]) curatedNames.set(fold(text), value.id);
  });

  const dataSet = dataSetCountries();
  owners ??= nameOwners(dataSet);
  const owner = owners;
  const result = [...entities];
  for (const country of dataSet) {
    const { record } = country;
    const at = curatedByIso.get(record.iso);
    const curated = at === undefined ? undefined : (result[at]!.value as Country);
    const id = curated?.id ?? record.id;
    const ours = (key: string): boolean => {
      const curatedOwner = curatedNames.get(key);
      return curatedOwner === undefined ? owner.get(key) === country : curatedOwner === id;
    };
    if (curated) {
      // The curated names are the curated record's own (curatedNames says so): only the others are added.
      const added = country.names.filter(({ key }) => !curatedNames.has(key) && ours(key)).map(({ alias }) => alias);
      const aliases = distinctAliases([...curated.aliases, ...added], [curated.name.de, curated.name.en]);
      result[at!] = { ...result[at!]!, value: { ...curated, aliases } };
    } else if (!taken.has(id) && country.names.slice(0, 2).every(({ key }) => ours(key))) {
      taken.add(id);
      const aliases = country.names.slice(2).flatMap(({ alias, key }) => (ours(key) ? [alias] : []));
      result.push({ file: COUNTRY_DATA_SET_FILE, path: `$.${record.iso}`, value: { ...record, aliases } });
    }
  }
  return result;
}

/** Computed once per process, like the data set itself. */
let owners: Map<string, DataSetCountry | undefined> | undefined;

/**
 * Which entry of the data set owns each folded name. An entry's own names (id,
 * German and English name) come first: the German "Kongo" is the Republic of
 * the Congo's name and only an alias of the Democratic Republic's. Among equals,
 * the only one that has the name, else the only independent state among them.
 */
function nameOwners(dataSet: readonly DataSetCountry[]): Map<string, DataSetCountry | undefined> {
  const owners = new Map<string, DataSetCountry | undefined>();
  const claim = (keysOf: (country: DataSetCountry) => string[]): void => {
    const claims = new Map<string, DataSetCountry[]>();
    for (const country of dataSet) {
      for (const key of new Set(keysOf(country))) {
        if (owners.has(key)) continue;
        const list = claims.get(key);
        if (list) list.push(country);
        else claims.set(key, [country]);
      }
    }
    for (const [key, list] of claims) {
      const independent = list.filter((c) => c.independent);
      owners.set(key, list.length === 1 ? list[0] : independent.length === 1 ? independent[0] : undefined);
    }
  };
  claim((country) => [country.record.id, ...country.names.slice(0, 2).map((name) => name.key)]);
  claim((country) => country.names.slice(2).map((name) => name.key));
  return owners;
}
