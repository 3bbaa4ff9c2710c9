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

function records(file: string): NamedRecord[] {
  return JSON.parse(readFileSync(join(DATA_DIR, 'entities', file), 'utf8')) as NamedRecord[];
}

/** The member countries of an alliance, by name in `lang`. */
export function allianceMemberNames(allianceId: string, lang: Language): string[] {
  const alliance = records('alliances.json').find((a) => a.id === allianceId);
  if (alliance?.members === undefined) throw new Error(`data has no alliance ${allianceId} with members`);
  const countries = records('countries.json');
  return alliance.members.map(({ country }) => {
    const name = countries.find((c) => c.id === country)?.name[lang];
    if (name === undefined) throw new Error(`data has no country ${country}`);
    return name;
  });
}

/** The expert whose English name contains `fragment`. */
export function expertNamed(fragment: string): { id: string; name: Record<Language, string> } {
  const expert = records('experts.json').find((e) => e.name.en.includes(fragment));
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
