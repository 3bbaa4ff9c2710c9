// Expected names read straight from the data files (not through the bot's
// knowledge base), so the end-to-end checks do not hard-code the answers.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Language } from '../../src/i18n/language.js';
import { DATA_DIR } from './bot-process.js';

interface NamedRecord {
  id: string;
  name: Record<Language, string>;
  members?: { country: string }[];
}

/** The records of a data file; `file` is relative to data/. */
function records(file: string): NamedRecord[] {
  return JSON.parse(readFileSync(join(DATA_DIR, file), 'utf8')) as NamedRecord[];
}

const entities = (kind: string): NamedRecord[] => records(join('entities', `${kind}.json`));

/** A topic's or entity's names. */
export function recordName(id: string): Record<Language, string> {
  const files = ['topics.json', ...['alliances', 'countries', 'people', 'experts'].map((kind) => join('entities', `${kind}.json`))];
  for (const file of files) {
    const found = records(file).find((r) => r.id === id);
    if (found) return found.name;
  }
  throw new Error(`data has no topic or entity ${id}`);
}

/** The member countries of an alliance, by name in `lang`. */
export function allianceMemberNames(allianceId: string, lang: Language): string[] {
  const alliance = entities('alliances').find((a) => a.id === allianceId);
  if (alliance?.members === undefined) throw new Error(`data has no alliance ${allianceId} with members`);
  const countries = entities('countries');
  return alliance.members.map(({ country }) => {
    const name = countries.find((c) => c.id === country)?.name[lang];
    if (name === undefined) throw new Error(`data has no country ${country}`);
    return name;
  });
}

/** The expert whose English name contains `fragment`. */
export function expertNamed(fragment: string): { id: string; name: Record<Language, string> } {
  const expert = entities('experts').find((e) => e.name.en.includes(fragment));
  if (expert === undefined) throw new Error(`data has no expert named like ${fragment}`);
  return expert;
}

/** The titles of every article in `lang`. */
export function articleTitles(lang: Language): string[] {
  const dir = join(DATA_DIR, 'articles');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { title: Record<Language, string> }).title[lang]);
}
