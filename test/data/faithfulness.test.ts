// Checks the knowledge data against the text of the articles it was written
// from (test/fixtures/seed/<article id>.txt), not against a copy of the data:
// quotes and corrections must be verbatim, paragraph numbers must point at the
// paragraphs that support them. Paragraphs are counted as data/README.md says.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';
import { z } from 'zod';

// Aliases are compared the way lookups compare them (case, diacritics, ß/ss ignored).
import { fold } from '../../src/knowledge/normalize.js';
import {
  type Alias,
  Article,
  type Entity,
  EntityFile,
  type EntityKind,
  type LocalizedText,
  type Provenance,
  type Topic,
  TopicFile,
} from '../../src/knowledge/schema.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DATA = join(ROOT, 'data');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'seed');
const SEED_ID = 'securnews-2024-12-27-csto';

/** The paragraph rule: the non-empty lines of the text after trimming, numbered from 1. */
function splitParagraphs(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** Collapses runs of whitespace so line wrapping and double spaces do not matter. */
function ws(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** True if `name` occurs in `text` as a whole word (not inside a longer word). */
function namesWord(text: string, name: string): boolean {
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(ws(name))}(?![\\p{L}\\p{N}])`, 'u').test(ws(text));
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, file: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(`${file}:\n${z.prettifyError(result.error)}`);
  return result.data;
}

const ENTITY_FILES: Record<string, EntityKind> = {
  'alliances.json': 'alliance',
  'countries.json': 'country',
  'people.json': 'person',
  'experts.json': 'expert',
};

const articleFiles = readdirSync(join(DATA, 'articles'))
  .filter((name) => name.endsWith('.json'))
  .sort();

interface Loaded {
  articles: Article[];
  entities: Entity[];
  topics: Topic[];
  /** Paragraphs of each article's source text, by article id. */
  paragraphs: Map<string, string[]>;
}

let cache: Loaded | undefined;
function load(): Loaded {
  if (cache) return cache;
  const articles = articleFiles.map((name) => parseOrThrow(Article, readJson(join(DATA, 'articles', name)), `articles/${name}`));
  const entities = Object.keys(ENTITY_FILES).flatMap((name) =>
    parseOrThrow(EntityFile, readJson(join(DATA, 'entities', name)), `entities/${name}`),
  );
  const topics = parseOrThrow(TopicFile, readJson(join(DATA, 'topics.json')), 'topics.json');
  const paragraphs = new Map<string, string[]>();
  for (const article of articles) {
    const path = join(FIXTURES, `${article.id}.txt`);
    if (existsSync(path)) paragraphs.set(article.id, splitParagraphs(readFileSync(path, 'utf8')));
  }
  cache = { articles, entities, topics, paragraphs };
  return cache;
}

/** The text of a paragraph; fails the test when the reference is out of range. */
function paragraph(articleId: string, n: number): string {
  const paragraphs = load().paragraphs.get(articleId);
  if (!paragraphs) throw new Error(`no source text for article ${articleId}`);
  const text = paragraphs[n - 1];
  if (text === undefined) throw new Error(`${articleId} has no paragraph ${n} (it has ${paragraphs.length})`);
  return text;
}

function namesOf(entity: { name: LocalizedText; aliases: Alias[] }): string[] {
  return [entity.name.de, entity.name.en, ...entity.aliases.map((alias) => alias.text)];
}

function entityById(id: string): Entity | undefined {
  return load().entities.find((entity) => entity.id === id);
}

/** Every provenance an entity carries, with a label for failure messages. */
function entityProvenances(entity: Entity): { label: string; source: Provenance }[] {
  const out = [
    ...entity.facts.map((fact, i) => ({ label: `${entity.id} fact ${i}`, source: fact.source })),
    ...entity.corrections.map((c, i) => ({ label: `${entity.id} correction ${i}`, source: c.source })),
  ];
  if (entity.kind === 'person') out.push(...entity.roles.map((role, i) => ({ label: `${entity.id} role ${i}`, source: role.source })));
  if (entity.kind === 'alliance') out.push(...entity.members.map((m) => ({ label: `${entity.id} member ${m.country}`, source: m.source })));
  return out;
}

const MONTHS = {
  de: ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** Whether a text states a date at the given precision (year; month name; day number). */
function statesDate(date: string, text: string): boolean {
  const [year, month, day] = date.split('-');
  if (year === undefined || !text.includes(year)) return false;
  if (month !== undefined) {
    const i = Number(month) - 1;
    if (!namesWord(text, MONTHS.de[i] ?? '') && !namesWord(text, MONTHS.en[i] ?? '')) return false;
  }
  if (day !== undefined && !new RegExp(`(?<!\\d)${Number(day)}(?!\\d)`).test(text)) return false;
  return true;
}

const OPENING_QUOTES = ['„', '“', '"', '‚', '‘', '«', '»', "'"];
const CLOSING_QUOTES = ['“', '”', '"', '‘', '’', '«', '»', "'"];

describe('data files parse with the schemas', () => {
  it.each(articleFiles)('articles/%s', (name) => {
    const article = parseOrThrow(Article, readJson(join(DATA, 'articles', name)), name);
    expect(`${article.id}.json`).toBe(name);
  });

  it.each(Object.entries(ENTITY_FILES))('entities/%s holds only %s entities', (name, kind) => {
    const entities = parseOrThrow(EntityFile, readJson(join(DATA, 'entities', name)), name);
    expect(entities.length).toBeGreaterThan(0);
    for (const entity of entities) expect(entity.kind, entity.id).toBe(kind);
  });

  it('topics.json', () => {
    expect(parseOrThrow(TopicFile, readJson(join(DATA, 'topics.json')), 'topics.json').length).toBeGreaterThan(0);
  });
});

describe('paragraph rule', () => {
  it('counts non-empty trimmed lines', () => {
    expect(splitParagraphs('a\n\n  b  \r\n\t\nc')).toEqual(['a', 'b', 'c']);
  });

  it('every article has its source text as a fixture', () => {
    for (const article of load().articles) {
      expect(existsSync(join(FIXTURES, `${article.id}.txt`)), `test/fixtures/seed/${article.id}.txt`).toBe(true);
    }
  });

  it('paragraphCount equals the count from the text', () => {
    for (const article of load().articles) {
      expect(article.paragraphCount, article.id).toBe(load().paragraphs.get(article.id)?.length);
    }
  });

  it('the original title is a paragraph of the text', () => {
    for (const article of load().articles) {
      expect(load().paragraphs.get(article.id)?.map(ws), article.id).toContain(ws(article.title.original));
    }
  });
});

describe('paragraph references', () => {
  it('every provenance names a known article and a paragraph within it', () => {
    const articles = new Map(load().articles.map((a) => [a.id, a]));
    for (const entity of load().entities) {
      for (const { label, source } of entityProvenances(entity)) {
        const article = articles.get(source.article);
        expect(article, `${label}: unknown article ${source.article}`).toBeDefined();
        expect(source.paragraph, label).toBeLessThanOrEqual(article?.paragraphCount ?? 0);
      }
    }
    for (const article of load().articles) {
      const refs = [
        ...article.summary.map((k) => k.paragraph),
        ...article.sections.flatMap((s) => [...s.paragraphs, ...s.keyPoints.map((k) => k.paragraph)]),
        ...article.quotes.map((q) => q.paragraph),
        ...article.timeline.map((e) => e.paragraph),
        ...article.corrections.map((c) => c.source.paragraph),
      ];
      for (const n of refs) expect(n, article.id).toBeLessThanOrEqual(article.paragraphCount);
      for (const c of article.corrections) expect(c.source.article, `${article.id} correction`).toBe(article.id);
    }
  });

  it('sections are ordered, do not overlap, and hold their key points', () => {
    for (const article of load().articles) {
      let previousEnd = 0;
      for (const section of article.sections) {
        const [start, end] = section.paragraphs;
        const label = `${article.id} / ${section.heading.en}`;
        expect(start, label).toBeGreaterThan(previousEnd);
        expect(end, label).toBeGreaterThanOrEqual(start);
        for (const point of section.keyPoints) {
          expect(point.paragraph, `${label}: ${point.text.en}`).toBeGreaterThanOrEqual(start);
          expect(point.paragraph, `${label}: ${point.text.en}`).toBeLessThanOrEqual(end);
        }
        previousEnd = end;
      }
    }
  });
});

describe('quotes', () => {
  const quotes = () => load().articles.flatMap((article) => article.quotes.map((quote) => ({ article, quote })));

  it('every quote is printed verbatim, as a quotation, in its paragraph', () => {
    for (const { article, quote } of quotes()) {
      const text = ws(paragraph(article.id, quote.paragraph));
      const wanted = ws(quote.text);
      const at = text.indexOf(wanted);
      expect(at, `${quote.id} not found in paragraph ${quote.paragraph}`).toBeGreaterThanOrEqual(0);
      expect(OPENING_QUOTES, `${quote.id} does not start at a quotation mark`).toContain(text[at - 1]);
      const after = text[at + wanted.length];
      if (after !== undefined) expect(CLOSING_QUOTES, `${quote.id} does not end at a quotation mark`).toContain(after);
    }
  });

  it('every quote is by an expert named in its paragraph or just before it', () => {
    const experts = load().entities.filter((e) => e.kind === 'expert');
    for (const { article, quote } of quotes()) {
      expect(experts.map((e) => e.id), quote.id).toContain(quote.expert);
      // The nearest paragraph at or before the quote that names an expert must name this one.
      let named: string[] = [];
      for (let n = quote.paragraph; n >= Math.max(1, quote.paragraph - 4) && named.length === 0; n -= 1) {
        const text = paragraph(article.id, n);
        named = experts.filter((e) => namesOf(e).some((name) => namesWord(text, name))).map((e) => e.id);
      }
      expect(named, `${quote.id} (paragraph ${quote.paragraph})`).toContain(quote.expert);
    }
  });

  it('quotes carry translations into the other language and known topics', () => {
    const topics = new Set(load().topics.map((t) => t.id));
    for (const { quote } of quotes()) {
      const other = quote.language === 'de' ? 'en' : 'de';
      expect(quote.translations[other], quote.id).toBeTruthy();
      for (const topic of quote.topics) expect(topics.has(topic), `${quote.id}: topic ${topic}`).toBe(true);
    }
  });
});

describe('corrections and garbled names', () => {
  it('every correction quotes the article verbatim in its paragraph', () => {
    const corrections = [
      ...load().articles.flatMap((a) => a.corrections.map((c) => ({ owner: a.id, c }))),
      ...load().entities.flatMap((e) => e.corrections.map((c) => ({ owner: e.id, c }))),
    ];
    for (const { owner, c } of corrections) {
      expect(ws(paragraph(c.source.article, c.source.paragraph)), `${owner}: ${c.articleSays}`).toContain(ws(c.articleSays));
    }
  });

  it('every garbled alias occurs in an article', () => {
    const texts = [...load().paragraphs.values()].map((p) => ws(p.join(' ')));
    for (const entity of load().entities) {
      for (const alias of entity.aliases.filter((a) => a.garbled)) {
        expect(texts.some((text) => text.includes(ws(alias.text))), `${entity.id}: ${alias.text}`).toBe(true);
      }
    }
  });
});

describe('aliases', () => {
  it('no two entities share an alias, and no alias is another entity\'s name', () => {
    const owner = new Map<string, string>();
    for (const entity of load().entities) {
      for (const name of new Set(namesOf(entity).map(fold))) {
        const other = owner.get(name);
        expect(other === undefined || other === entity.id, `"${name}" is used by ${other} and ${entity.id}`).toBe(true);
        owner.set(name, entity.id);
      }
    }
  });

  it('no entity lists the same alias twice', () => {
    for (const entity of load().entities) {
      const folded = entity.aliases.map((a) => fold(a.text));
      expect(new Set(folded).size, entity.id).toBe(folded.length);
    }
  });
});

describe('alliances', () => {
  it('every member country is named in the paragraph cited for its membership', () => {
    for (const alliance of load().entities) {
      if (alliance.kind !== 'alliance') continue;
      for (const member of alliance.members) {
        const country = entityById(member.country);
        expect(country?.kind, `${alliance.id}: ${member.country}`).toBe('country');
        const text = paragraph(member.source.article, member.source.paragraph);
        expect(namesOf(country!).some((name) => namesWord(text, name)), `${alliance.id}: ${member.country} in ¶${member.source.paragraph}`).toBe(true);
      }
    }
  });
});

describe('timeline', () => {
  it('every event date is stated by its paragraph or explained by a dateNote', () => {
    for (const article of load().articles) {
      for (const event of article.timeline) {
        const year = event.date.slice(0, 4);
        if (event.dateNote) {
          expect(event.dateNote.de, `${event.id} dateNote (de)`).toContain(year);
          expect(event.dateNote.en, `${event.id} dateNote (en)`).toContain(year);
        } else {
          const cited = [event.paragraph, ...(event.alsoParagraphs ?? [])];
          expect(
            cited.some((n) => statesDate(event.date, paragraph(article.id, n))),
            `${event.id} ${event.date} in ¶${cited.join(', ')}`,
          ).toBe(true);
        }
      }
    }
  });

  it('cites every paragraph whose words an event, a key point or a fact quotes, and quotes them verbatim', () => {
    const { articles, entities, paragraphs } = load();
    // What the data states from an article, in German, with the paragraphs it cites.
    const statements = [
      ...articles.flatMap((article) => [
        ...article.timeline.map((e) => ({ at: e.id, article: article.id, de: e.text.de, cited: [e.paragraph, ...(e.alsoParagraphs ?? [])] })),
        ...[...article.summary, ...article.sections.flatMap((section) => section.keyPoints)].map((p) => ({
          at: `key point § ${p.paragraph}`,
          article: article.id,
          de: p.text.de,
          cited: [p.paragraph, ...(p.alsoParagraphs ?? [])],
        })),
      ]),
      ...entities.flatMap((entity) =>
        entity.facts.map((f) => ({ at: `${entity.id} fact`, article: f.source.article, de: f.text.de, cited: [f.source.paragraph] })),
      ),
    ].filter((statement) => paragraphs.has(statement.article));
    let quoted = 0;
    for (const { at, article, de, cited } of statements) {
      const text = cited.map((n) => paragraph(article, n)).join(' ');
      for (const [, words] of de.matchAll(/„([^“]+)“/g)) {
        quoted += 1;
        expect(text, `${at}: „${words}“`).toContain(words!);
      }
    }
    expect(quoted).toBeGreaterThan(0);
  });

  it('event ids are unique and events name known entities and topics', () => {
    const topics = new Set(load().topics.map((t) => t.id));
    for (const article of load().articles) {
      const ids = article.timeline.map((e) => e.id);
      expect(new Set(ids).size, article.id).toBe(ids.length);
      for (const event of article.timeline) {
        for (const id of event.entities) expect(entityById(id), `${event.id}: ${id}`).toBeDefined();
        for (const id of event.topics) expect(topics.has(id), `${event.id}: ${id}`).toBe(true);
      }
    }
  });
});

describe('the seed article (securnews, 27 Dec 2024)', () => {
  const seed = () => {
    const article = load().articles.find((a) => a.id === SEED_ID);
    if (!article) throw new Error(`missing data/articles/${SEED_ID}.json`);
    return article;
  };
  const paragraphs = () => load().paragraphs.get(SEED_ID) ?? [];

  it('is the byte-exact copy recorded in SOURCE.md', () => {
    const hash = createHash('sha256').update(readFileSync(join(FIXTURES, `${SEED_ID}.txt`))).digest('hex');
    expect(readFileSync(join(FIXTURES, 'SOURCE.md'), 'utf8')).toContain(hash);
  });

  it('is dated by its first paragraph', () => {
    expect(paragraphs()[0]).toBe('Dezember 27, 2024');
    expect(seed().date).toBe('2024-12-27');
  });

  it('has the three summary bullets verbatim', () => {
    const bullets = paragraphs()
      .map((text, i) => ({ text, n: i + 1 }))
      .filter(({ text }) => text.startsWith('•'));
    expect(seed().summary.map((k) => k.paragraph)).toEqual(bullets.map((b) => b.n));
    expect(seed().summary.map((k) => k.text.de)).toEqual(bullets.map((b) => b.text.replace(/^•\s*/u, '')));
  });

  it('has the intro plus one section per sub-heading, covering the whole text', () => {
    const sections = seed().sections;
    expect(sections[0]?.paragraphs[0]).toBe(1);
    expect(sections.at(-1)?.paragraphs[1]).toBe(paragraphs().length);
    for (let i = 1; i < sections.length; i += 1) {
      const section = sections[i]!;
      expect(paragraphs()[section.paragraphs[0] - 1], section.heading.en).toBe(section.heading.de);
      expect(section.paragraphs[0], section.heading.en).toBe(sections[i - 1]!.paragraphs[1] + 1);
    }
    expect(sections.map((s) => s.heading.de).slice(1)).toEqual([
      'Eine Beleidigung der Alliierten',
      'Putin will seine eigene Nato',
      'Schlechter Schutz',
      'Schlimmere Beziehungen seit dem Einmarsch in die Ukraine',
      'Russland ist ein „giftiger Partner“',
    ]);
  });

  it('lists the six CSTO members', () => {
    const csto = entityById('csto');
    expect(csto?.kind).toBe('alliance');
    if (csto?.kind !== 'alliance') return;
    expect(csto.members.map((m) => m.country).sort()).toEqual(
      ['armenia', 'belarus', 'kazakhstan', 'kyrgyzstan', 'russia', 'tajikistan'],
    );
  });

  it('keeps the printed misspellings of names as garbled aliases', () => {
    const garbled = load().entities.flatMap((e) => e.aliases.filter((a) => a.garbled).map((a) => `${e.id}: ${a.text}`));
    expect(garbled).toEqual(expect.arrayContaining([
      'sadyr-japarov: Sadir Japarov',
      'stanislav-zas: Stanislav Zass',
      'anais-marin: Anis Marin',
    ]));
  });

  it('takes the name printed the same way in the original as the name, not as a misspelling', () => {
    // Paragraph 15 prints "Jaroslava Barbieri"; Insider's English original prints the same.
    expect(paragraphs()[14]).toMatch(/^Jaroslava Barbieri,/);
    const barbieri = entityById('yaroslava-barbieri');
    expect(barbieri?.name).toEqual({ de: 'Jaroslava Barbieri', en: 'Jaroslava Barbieri' });
    expect(barbieri?.aliases.filter((a) => a.garbled)).toEqual([]);
    expect(barbieri?.corrections).toEqual([]);
  });

  it('records that the quotes were given to Insider in May 2023, not on the date of the republication', () => {
    // The experts "sagte gegenüber Insider" (e.g. paragraph 15); "im vergangenen Jahr" (paragraph 13) is 2022.
    expect(paragraphs()[14]).toContain('gegenüber Insider');
    expect(seed().firstPublished?.by).toBe('Insider');
    expect(seed().firstPublished?.date).toBe('2023-05');
    expect((seed().firstPublished?.date ?? '9999') < seed().date).toBe(true);
  });

  it("keeps the key points to what paragraph 44 says: the peacekeepers' ceasefire is not tied to the Kyrgyz–Tajik fighting", () => {
    const peacekeepers = paragraphs().findIndex((p) => p.includes('Friedenstruppen')) + 1;
    expect(peacekeepers).toBe(44);
    expect(paragraphs()[42]).toMatch(/Kirgisistan und Tadschikistan/);
    expect(paragraphs()[43]).not.toMatch(/Kirgis|Tadschik/);
    const points = [...seed().summary, ...seed().sections.flatMap((s) => s.keyPoints)];
    const texts = [
      ...points.map((p) => ({ text: p.text, paragraphs: [p.paragraph, ...(p.alsoParagraphs ?? [])] })),
      ...seed().timeline.map((e) => ({ text: e.text, paragraphs: [e.paragraph, ...(e.alsoParagraphs ?? [])] })),
    ];
    for (const { text, paragraphs: cited } of texts) {
      const mentions = /Friedenstruppen/.test(text.de) || /peacekeep/.test(text.en);
      if (mentions) expect(cited, text.en).toContain(peacekeepers);
      if (mentions) expect(`${text.de} ${text.en}`, text.en).not.toMatch(/Kirgis|Tadschik|Kyrgyz|Tajik/);
    }
  });

  describe('what quotes are about', () => {
  const stem = (text: string): string => fold(text).replace(/[^\p{L}\p{N} ]/gu, ' ');

  it('every quote names the entities it is about, and each is named in or just before its paragraph', () => {
    const articles = load().articles;
    for (const article of articles) {
      for (const quote of article.quotes) {
        expect(quote.about.length, quote.id).toBeGreaterThan(0);
        const near = stem([quote.paragraph - 3, quote.paragraph - 2, quote.paragraph - 1, quote.paragraph, quote.paragraph + 1]
          .filter((n) => n >= 1 && n <= article.paragraphCount)
          .map((n) => paragraph(article.id, n))
          .join(' '));
        for (const id of quote.about) {
          const entity = entityById(id);
          expect(entity, `${quote.id}: ${id}`).toBeDefined();
          if (entity === undefined) continue;
          // Names and aliases, and a person's surname, as a word stem ("Russland" in "Russlands").
          const surname = entity.kind === 'person' || entity.kind === 'expert' ? entity.name.en.split(' ').slice(-1) : [];
          const names = [...namesOf(entity), ...surname];
          expect(names.some((name) => near.includes(stem(name))), `${quote.id} is about ${id}, which is not named near paragraph ${quote.paragraph}`).toBe(true);
        }
      }
    }
  });
});

  describe('the original publication', () => {
    it('quotes with an original wording cite the publication the article republishes', () => {
      for (const article of load().articles) {
        for (const quote of article.quotes) {
          if (quote.original === undefined) continue;
          const first = quote.firstPublished ?? article.firstPublished;
          expect(first, quote.id).toBeDefined();
          expect(quote.original.source.publisher, quote.id).toBe(first?.by);
          expect(quote.original.source.date, quote.id).toBe(first?.date);
        }
      }
    });

    it('corrections are confirmed by the original only where the article has one', () => {
      for (const article of load().articles) {
        const confirmed = [...article.corrections, ...article.quotes.flatMap((q) => (q.correction ? [q.correction] : []))].filter((c) => c.confirmedBy);
        if (article.firstPublished === undefined) expect(confirmed, article.id).toEqual([]);
      }
      const confirmedNames = load()
        .entities.flatMap((e) => e.corrections.filter((c) => c.confirmedBy).map((c) => c.source.article))
        .map((id) => load().articles.find((a) => a.id === id)?.firstPublished);
      for (const first of confirmedNames) expect(first).toBeDefined();
    });
  });

  describe('hedges of the article', () => {
  // Words with which the article hedges a statement, and what a German key point must keep of them.
  const HEDGED = /vielleicht|wahrscheinlich|schein|schien|könnte|könne|einer Art|in gewisser Weise/;
  const KEPT = /vielleicht|wahrscheinlich|schein|schien|könnte|könne|einer Art|in gewisser Weise|würde/;

  it('every German key point drawn from a hedged paragraph keeps a hedge', () => {
    for (const article of load().articles) {
      for (const point of article.sections.flatMap((s) => s.keyPoints)) {
        const cited = [point.paragraph, ...(point.alsoParagraphs ?? [])];
        if (cited.some((n) => HEDGED.test(paragraph(article.id, n)))) expect(point.text.de, `§ ${cited.join(', ')}`).toMatch(KEPT);
      }
    }
  });

  it('keeps "vielleicht" (paragraph 14) and "schienen … nicht interessiert" (paragraph 64)', () => {
    const points = seed().sections.flatMap((s) => s.keyPoints);
    expect(paragraphs()[13]).toContain('vielleicht');
    expect(points.find((p) => p.paragraph === 14)?.text.de).toContain('vielleicht');
    expect(paragraphs()[63]).toMatch(/nicht daran interessiert zu sein schienen/);
    expect(points.find((p) => p.alsoParagraphs?.includes(64))?.text.de).toMatch(/schienen nicht daran interessiert/);
    const marin = entityById('anais-marin');
    expect(marin?.facts.find((f) => f.source.paragraph === 64)?.text.de).toMatch(/schienen nicht daran interessiert/);
  });
  });

  it('marks the quote whose printed German inverts Marin\'s meaning', () => {
    const quote = seed().quotes.find((q) => q.text === 'die Glaubwürdigkeit der Organisation erhöht hat');
    expect(quote?.expert).toBe('anais-marin');
    expect(quote?.correction?.meaning.en).toMatch(/did not receive/);
    expect(quote?.correction?.meaning.en).toMatch(/has not increased/);
  });

  it('finds experts by surname', () => {
    for (const [id, surname] of [['yaroslava-barbieri', 'Barbieri'], ['peter-frankopan', 'Frankopan'], ['anais-marin', 'Marin']] as const) {
      expect(entityById(id)?.aliases.map((a) => a.text), id).toContain(surname);
    }
  });
});
