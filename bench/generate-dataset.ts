// Deterministic synthetic data for benchmarks: N articles and M entities with
// German/English/Russian-like names, aliases, quotes and timelines, valid under
// the schema and the cross-reference checks.
// As a script: node dist/bench/generate-dataset.js <dir> [articles] [entities]
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import type { Dataset } from '../src/knowledge/knowledge-base.js';
import { fold } from '../src/knowledge/normalize.js';
import type { Alias, Article, Entity, KeyPoint, LocalizedText, Quote, Section, TimelineEvent, Topic } from '../src/knowledge/schema.js';

export interface GenerateOptions {
  articles?: number;
  entities?: number;
  seed?: number;
}

/** A syllable as German, English and Russian spell it. */
type Syllable = readonly [de: string, en: string, ru: string];

const SYLLABLES: readonly Syllable[] = [
  ['wa', 'va', 'ва'],
  ['scha', 'sha', 'ша'],
  ['ko', 'ko', 'ко'],
  ['le', 'le', 'ле'],
  ['mi', 'mi', 'ми'],
  ['ra', 'ra', 'ра'],
  ['tschi', 'chi', 'чи'],
  ['do', 'do', 'до'],
  ['ni', 'ni', 'ни'],
  ['ser', 'ser', 'сер'],
  ['gej', 'gey', 'гей'],
  ['ju', 'yu', 'ю'],
  ['ri', 'ri', 'ри'],
  ['sa', 'za', 'за'],
  ['bo', 'bo', 'бо'],
  ['schu', 'shu', 'шу'],
  ['ta', 'ta', 'та'],
  ['ly', 'ly', 'лы'],
  ['pe', 'pe', 'пе'],
  ['gor', 'gor', 'гор'],
  ['chai', 'khai', 'хай'],
  ['lo', 'lo', 'ло'],
  ['tro', 'tro', 'тро'],
  ['sche', 'zhe', 'же'],
  ['an', 'an', 'ан'],
];
const SURNAME_ENDINGS: readonly Syllable[] = [
  ['ow', 'ov', 'ов'],
  ['enko', 'enko', 'енко'],
  ['in', 'in', 'ин'],
  ['ski', 'sky', 'ский'],
  ['jew', 'yev', 'ев'],
];
const COUNTRY_ENDINGS: readonly Syllable[] = [
  ['ien', 'ia', 'ия'],
  ['stan', 'stan', 'стан'],
  ['land', 'land', 'ландия'],
];
const WESTERN_FIRST = [
  'Anna',
  'Jaroslava',
  'Thomas',
  'Claire',
  'Mark',
  'Julia',
  'Anaïs',
  'Stefan',
  'Maria',
  'Jonas',
  'Sophie',
  'Daniel',
  'Lena',
  'Paul',
  'Elena',
  'Niklas',
];
const WESTERN_ENDINGS = ['mann', 'er', 'son', 'ieri', 'ez', 'berg', 'ová', 'ski', 'ling', 'ard'];
const INSTITUTES: readonly LocalizedText[] = [
  { de: 'Universität', en: 'University of' },
  { de: 'Institut für Sicherheitspolitik', en: 'Institute for Security Policy' },
  { de: 'Stiftung Wissenschaft', en: 'Foundation for Science' },
  { de: 'Zentrum für Osteuropastudien', en: 'Centre for East European Studies' },
];
const SUBJECTS: readonly LocalizedText[] = [
  { de: 'Die Regierung', en: 'The government' },
  { de: 'Das Bündnis', en: 'The alliance' },
  { de: 'Der Präsident', en: 'The president' },
  { de: 'Die Armee', en: 'The army' },
  { de: 'Das Parlament', en: 'Parliament' },
  { de: 'Die Opposition', en: 'The opposition' },
  { de: 'Das Außenministerium', en: 'The foreign ministry' },
  { de: 'Die Friedenstruppe', en: 'The peacekeeping force' },
];
const PREDICATES: readonly LocalizedText[] = [
  { de: 'kritisierte die Sanktionen', en: 'criticised the sanctions' },
  { de: 'verweigerte die Unterstützung', en: 'refused support' },
  { de: 'kündigte Manöver an', en: 'announced military exercises' },
  { de: 'forderte mehr Respekt', en: 'demanded more respect' },
  { de: 'unterzeichnete ein Abkommen', en: 'signed an agreement' },
  { de: 'verlegte Truppen an die Grenze', en: 'moved troops to the border' },
  { de: 'stoppte die Gaslieferungen', en: 'halted gas deliveries' },
  { de: 'suchte Nähe zum Westen', en: 'sought closer ties with the West' },
  { de: 'setzte die Mitgliedschaft aus', en: 'suspended its membership' },
  { de: 'warnte vor einer Eskalation', en: 'warned of an escalation' },
];
const CONTEXTS: readonly LocalizedText[] = [
  { de: 'nach dem Gipfeltreffen', en: 'after the summit' },
  { de: 'trotz wachsender Spannungen', en: 'despite growing tensions' },
  { de: 'während des Krieges', en: 'during the war' },
  { de: 'vor den Wahlen', en: 'ahead of the elections' },
  { de: 'im Streit um die Grenze', en: 'in the border dispute' },
  { de: 'inmitten der Wirtschaftskrise', en: 'amid the economic crisis' },
];
const TOPIC_WORDS: readonly LocalizedText[] = [
  { de: 'Sicherheit', en: 'Security' },
  { de: 'Energie', en: 'Energy' },
  { de: 'Grenzkonflikt', en: 'Border conflict' },
  { de: 'Sanktionen', en: 'Sanctions' },
  { de: 'Wahlen', en: 'Elections' },
  { de: 'Migration', en: 'Migration' },
  { de: 'Rüstung', en: 'Arms' },
  { de: 'Diplomatie', en: 'Diplomacy' },
  { de: 'Handel', en: 'Trade' },
  { de: 'Desinformation', en: 'Disinformation' },
];

/** mulberry32: tiny, fast and good enough for test data. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateDataset(options: GenerateOptions = {}): Dataset {
  const articleCount = options.articles ?? 10_000;
  const entityCount = options.entities ?? 20_000;
  const random = prng(options.seed ?? 1);
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  /** Skewed towards the front, so some records are mentioned far more often than others. */
  const popular = <T>(items: readonly T[]): T => items[Math.floor(items.length * random() ** 2)]!;
  const some = <T>(items: readonly T[], min: number, max: number, choose: (items: readonly T[]) => T = pick): T[] => [
    ...new Set(Array.from({ length: int(min, max) }, () => choose(items))),
  ];
  const slug = (text: string): string =>
    fold(text)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');

  // Names must stay unambiguous within a kind after folding; the set keeps them so.
  const used = new Set<string>();
  const claim = (kind: string, ...texts: string[]): boolean => {
    const keys = new Set(texts.map((text) => `${kind}:${fold(text)}`));
    if ([...keys].some((key) => used.has(key))) return false;
    for (const key of keys) used.add(key);
    return true;
  };
  const compose = (parts: readonly Syllable[]): Syllable => {
    const join = (i: 0 | 1 | 2): string => parts.map((p) => p[i]).join('');
    const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
    return [cap(join(0)), cap(join(1)), cap(join(2))];
  };
  const syllables = (min: number, max: number): Syllable[] => Array.from({ length: int(min, max) }, () => pick(SYLLABLES));
  /** A fresh name within a kind; `make` is retried until it yields an unused one. */
  const unique = <T extends Syllable>(kind: string, make: () => T): T => {
    for (;;) {
      const name = make();
      // Entity and topic ids share one space across kinds.
      if (claim(kind, name[0], name[1]) && claim('id', slug(name[1]))) return name;
    }
  };
  const garble = (text: string): string => {
    const i = int(1, text.length - 2);
    return text.slice(0, i) + text[i + 1]! + text[i]! + text.slice(i + 2);
  };
  const extraAlias = (kind: string, text: string, lang: Alias['lang'], garbled?: boolean): Alias[] =>
    claim(kind, text) ? [{ text, lang, ...(garbled ? { garbled } : {}) }] : [];
  const localized = (de: string, en: string): LocalizedText => ({ de, en });

  const alliances = Math.max(1, Math.round(entityCount * 0.01));
  const countries = Math.max(2, Math.round(entityCount * 0.04));
  const experts = Math.max(1, Math.round(entityCount * 0.2));
  const people = Math.max(1, entityCount - alliances - countries - experts);
  const articleIds = Array.from({ length: articleCount }, (_, i) => `article-${String(i + 1).padStart(5, '0')}`);
  // Every generated article has at least this many paragraphs, so entity sources may point at any of them.
  const MIN_PARAGRAPHS = 12;
  const source = () => ({ article: pick(articleIds), paragraph: int(1, MIN_PARAGRAPHS) });
  const fact = (subject: string) => ({
    text: localized(`${subject} ${pick(PREDICATES).de}.`, `${subject} ${pick(PREDICATES).en}.`),
    source: source(),
  });
  const base = (id: string, name: LocalizedText, aliases: Alias[]) => ({
    id,
    name,
    aliases,
    description: localized(`Beschreibung von ${name.de}.`, `Description of ${name.en}.`),
    facts: Array.from({ length: int(0, 2) }, () => fact(name.en)),
    corrections: [],
    background: [],
  });

  const countryList: Entity[] = Array.from({ length: countries }, () => {
    const [de, en, ru] = unique('country', () => compose([...syllables(1, 2), pick(COUNTRY_ENDINGS)]));
    return { ...base(slug(en), localized(de, en), extraAlias('country', ru, 'ru')), kind: 'country' };
  });
  const countryIds = countryList.map((c) => c.id);
  const allianceList: Entity[] = Array.from({ length: alliances }, () => {
    const [de, en, ru] = unique('alliance', () => {
      const parts = syllables(2, 3);
      const initials = (i: 0 | 1 | 2) =>
        parts
          .map((p) => p[i].charAt(0))
          .join('')
          .toUpperCase();
      return [`${initials(0)}VS`, `${initials(1)}TO`, `${initials(2)}ДБ`] as const;
    });
    const word = pick(TOPIC_WORDS);
    return {
      ...base(slug(en), localized(de, en), [...extraAlias('alliance', ru, 'ru'), ...extraAlias('alliance', `${de}-Pakt`, 'de')]),
      kind: 'alliance',
      fullName: localized(`Organisation für ${word.de} ${de}`, `${en} ${word.en} Treaty Organization`),
      members: some(countryIds, 3, 8).map((country) => ({ country, source: source() })),
    };
  });
  const personList: Entity[] = Array.from({ length: people }, () => {
    const [de, en, ru] = unique('person', () => {
      const [fde, fen, fru] = compose(syllables(2, 3));
      const [lde, len, lru] = compose([...syllables(1, 2), pick(SURNAME_ENDINGS)]);
      return [`${fde} ${lde}`, `${fen} ${len}`, `${fru} ${lru}`] as const;
    });
    const aliases = [...extraAlias('person', ru, 'ru'), ...(random() < 0.2 ? extraAlias('person', garble(en), 'other', true) : [])];
    return { ...base(slug(en), localized(de, en), aliases), kind: 'person', country: pick(countryIds), roles: [fact(en)] };
  });
  const expertList: Entity[] = Array.from({ length: experts }, () => {
    const [name] = unique('expert', () => {
      const full = `${pick(WESTERN_FIRST)} ${compose([...syllables(1, 2), [pick(WESTERN_ENDINGS), '', '']])[1]}`;
      return [full, full, full] as const;
    });
    const institute = pick(INSTITUTES);
    const town = compose(syllables(2, 3))[0];
    return {
      ...base(slug(name), localized(name, name), random() < 0.3 ? extraAlias('expert', garble(name), 'other', true) : []),
      kind: 'expert',
      affiliation: localized(`${institute.de} ${town}`, `${institute.en} ${town}`),
      field: localized('Osteuropa', 'Eastern Europe'),
    };
  });

  const topics: Topic[] = Array.from({ length: Math.max(5, Math.round(articleCount / 200)) }, (_, i) => {
    const word = pick(TOPIC_WORDS);
    const region = pick(countryList).name;
    const name = localized(`${word.de} in ${region.de} ${i + 1}`, `${word.en} in ${region.en} ${i + 1}`);
    return { id: slug(name.en), name, aliases: [], description: localized(`Alles zu ${name.de}.`, `All about ${name.en}.`) };
  });
  const topicIds = topics.map((t) => t.id);
  const newsworthy = [...allianceList, ...countryList, ...personList];

  const sentence = (actor: Entity): LocalizedText => {
    const subject = pick(SUBJECTS);
    const predicate = pick(PREDICATES);
    const context = pick(CONTEXTS);
    return localized(
      `${subject.de} von ${actor.name.de} ${predicate.de} ${context.de}.`,
      `${subject.en} of ${actor.name.en} ${predicate.en} ${context.en}.`,
    );
  };
  const day = (from: number, to: number): string => new Date(int(from, to) * 86_400_000).toISOString().slice(0, 10);
  const FIRST_DAY = Date.UTC(2015, 0, 1) / 86_400_000;
  const LAST_DAY = Date.UTC(2025, 11, 31) / 86_400_000;

  const articles: Article[] = articleIds.map((id) => {
    const paragraphCount = int(MIN_PARAGRAPHS, 40);
    const date = day(FIRST_DAY, LAST_DAY);
    const cast = some(newsworthy, 2, 5, popular);
    const quoted = some(expertList, 0, 3, popular);
    const articleTopics = some(topicIds, 1, 3, popular);
    const lead = cast[0]!;
    const point = (first: number, last: number): KeyPoint => ({ text: sentence(pick(cast)), paragraph: int(first, last) });
    const cuts = [1, int(2, Math.floor(paragraphCount / 3)), int(Math.floor(paragraphCount / 3) + 1, paragraphCount - 1), paragraphCount + 1];
    const sections: Section[] = [0, 1, 2].map((s) => {
      const first = cuts[s]!;
      const last = cuts[s + 1]! - 1;
      return {
        heading: localized(`Abschnitt ${s + 1}`, `Section ${s + 1}`),
        paragraphs: [first, last],
        keyPoints: Array.from({ length: int(1, 3) }, () => point(first, last)),
      };
    });
    const quotes: Quote[] = quoted.map((expert, q) => {
      const text = sentence(pick(cast));
      const language = random() < 0.5 ? 'de' : 'en';
      return {
        id: `q${q + 1}`,
        expert: expert.id,
        paragraph: int(1, paragraphCount),
        language,
        text: `${expert.name[language]}: ${text[language]}`,
        translations: language === 'de' ? { en: text.en } : { de: text.de },
        about: cast.map((entity) => entity.id),
        topics: some(articleTopics, 1, 2),
      };
    });
    const timeline: TimelineEvent[] = Array.from({ length: int(0, 3) }, (_, e) => {
      const precise = day(FIRST_DAY - 3650, Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000);
      return {
        id: `e${e + 1}`,
        date: random() < 0.2 ? precise.slice(0, 7) : precise,
        text: sentence(pick(cast)),
        entities: some(cast, 1, 2).map((entity) => entity.id),
        topics: some(articleTopics, 0, 1),
        paragraph: int(1, paragraphCount),
      };
    });
    const title = localized(
      `${lead.name.de}: ${pick(PREDICATES).de} ${pick(CONTEXTS).de}`,
      `${lead.name.en}: ${pick(PREDICATES).en} ${pick(CONTEXTS).en}`,
    );
    const language = random() < 0.7 ? 'de' : 'en';
    return {
      id,
      title: { original: title[language], language, ...title },
      date,
      publisher: pick(['securnews', 'Insider', 'Osteuropa Heute', 'Eastern Report']),
      language,
      paragraphCount,
      topics: articleTopics,
      entities: [...cast, ...quoted].map((entity) => entity.id),
      summary: Array.from({ length: 3 }, () => point(1, paragraphCount)),
      sections,
      quotes,
      timeline,
      corrections: [],
      notes: [],
    };
  });

  return { articles, entities: [...allianceList, ...countryList, ...personList, ...expertList], topics };
}

/** Writes a dataset as a data folder (articles/*.json, entities/*.json, topics.json). */
export async function writeDataset(dataset: Dataset, dir: string): Promise<void> {
  await mkdir(join(dir, 'articles'), { recursive: true });
  await mkdir(join(dir, 'entities'), { recursive: true });
  const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
  const files: Record<string, Entity['kind']> = {
    'alliances.json': 'alliance',
    'countries.json': 'country',
    'people.json': 'person',
    'experts.json': 'expert',
  };
  for (const [name, kind] of Object.entries(files)) {
    await writeFile(join(dir, 'entities', name), json(dataset.entities.filter((e) => e.kind === kind)));
  }
  await writeFile(join(dir, 'topics.json'), json(dataset.topics));
  for (let i = 0; i < dataset.articles.length; i += 64) {
    await Promise.all(dataset.articles.slice(i, i + 64).map((article) => writeFile(join(dir, 'articles', `${article.id}.json`), json(article))));
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir, articles, entities] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: generate-dataset <dir> [articles] [entities]');
    process.exit(2);
  }
  await writeDataset(generateDataset({ articles: Number(articles ?? 10_000), entities: Number(entities ?? 20_000) }), dir);
}
