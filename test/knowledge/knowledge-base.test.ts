import { fileURLToPath } from 'node:url';

import { beforeAll, describe, expect, it } from 'vitest';

import { createKnowledgeBase } from '../../src/knowledge/create-knowledge-base.js';
import type { Dataset, KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { loadDataset } from '../../src/knowledge/load.js';
import type { Country } from '../../src/knowledge/schema.js';

let dataset: Dataset;
let kb: KnowledgeBase;
beforeAll(async () => {
  const result = await loadDataset(fileURLToPath(new URL('../fixtures/knowledge', import.meta.url)));
  if (!result.ok) throw new Error('fixture must be clean');
  dataset = result.dataset;
  kb = createKnowledgeBase(dataset);
});

function country(id: string, en: string, aliases: string[] = []): Country {
  return {
    id,
    kind: 'country',
    name: { de: en, en },
    aliases: aliases.map((text) => ({ text, lang: 'other' })),
    description: { de: '-', en: '-' },
    facts: [],
    corrections: [],
    background: [],
  };
}

describe('records', () => {
  it('lists articles newest first and finds records by id', () => {
    expect(kb.articles.map((a) => a.id)).toEqual(['csto-cracks', 'belarus-drills']);
    expect(kb.newestArticle()?.id).toBe('csto-cracks');
    expect(kb.entity('csto')?.kind).toBe('alliance');
    expect(kb.topic('ukraine-war')?.name.en).toBe('War in Ukraine');
    expect(
      kb
        .entitiesOfKind('expert')
        .map((e) => e.id)
        .sort(),
    ).toEqual(['anais-marin', 'jaroslava-barbieri']);
  });

  it("lists a country's alliances with the source of each membership, and none for a country in none", () => {
    const belarus = kb.membershipsOf('belarus');
    expect(belarus.map((m) => m.alliance.id)).toEqual(['csto']);
    const csto = dataset.entities.find((e) => e.id === 'csto');
    expect(csto?.kind === 'alliance' && csto.members.find((m) => m.country === 'belarus')?.source).toBe(belarus[0]!.source);
    // In the world's countries, in no alliance of the fixture.
    expect(kb.entity('kazakhstan')?.kind).toBe('country');
    expect(kb.membershipsOf('kazakhstan')).toEqual([]);
    expect(kb.membershipsOf('nato')).toEqual([]);
  });

  it('finds articles, quotes and events about an entity or topic', () => {
    expect(kb.articlesAbout('belarus').map((a) => a.id)).toEqual(['csto-cracks', 'belarus-drills']);
    expect(kb.articlesAbout('vladimir-putin').map((a) => a.id)).toEqual(['csto-cracks']);
    expect(kb.quotesBy('jaroslava-barbieri').map((q) => q.quote.id)).toEqual(['barbieri-imitation', 'barbieri-cracks']);
    expect(
      kb
        .quotesAbout('csto-crisis')
        .slice()
        .map((q) => q.quote.id),
    ).toEqual(['barbieri-imitation', 'barbieri-cracks', 'marin-loyalty']);
    // An entity's quotes are those about it (`about`), not every quote of an article that names it.
    expect(kb.articlesAbout('alexander-lukashenko').map((a) => a.id)).toEqual(['belarus-drills']);
    expect(kb.quotesAbout('alexander-lukashenko').length).toBe(0);
    const belarus = kb.quotesAbout('belarus');
    expect(belarus.length).toBe(1);
    expect(belarus.slice().map((q) => q.quote.id)).toEqual(['marin-loyalty']);
    expect(
      kb
        .quotesAbout('csto')
        .slice()
        .map((q) => q.quote.id),
    ).toEqual(['barbieri-imitation', 'barbieri-cracks', 'marin-loyalty']);
    expect(kb.quotesBy('nobody')).toEqual([]);
  });

  it('orders the timeline by date, months by their start', () => {
    expect(kb.timeline().map((e) => e.event.date)).toEqual(['2022-02-24', '2022-10', '2023']);
    expect(kb.timeline('csto-crisis').map((e) => e.event.id)).toEqual(['respect-demand', 'drills']);
    expect(kb.timeline('belarus').map((e) => e.event.id)).toEqual(['drills']);
  });

  it('puts an event dated only by a year after the dated events of that year', () => {
    const copy = structuredClone(dataset);
    const a = copy.articles.find((x) => x.id === 'belarus-drills')!;
    // Listed first in the article, and "2023" would be 1 January by its start.
    a.timeline = [
      { ...a.timeline[0]!, id: 'some-time-in-2023', date: '2023' },
      { ...a.timeline[0]!, id: 'new-year', date: '2023-01-01' },
      { ...a.timeline[0]!, id: 'december', date: '2023-12' },
      { ...a.timeline[0]!, id: 'next-year', date: '2024-01' },
    ];
    expect(
      createKnowledgeBase(copy)
        .timeline('belarus')
        .map((e) => e.event.id),
    ).toEqual(['new-year', 'december', 'some-time-in-2023', 'next-year']);
  });

  it('keeps equal dates in a stable order', () => {
    const copy = structuredClone(dataset);
    const a = copy.articles.find((x) => x.id === 'belarus-drills')!;
    a.timeline = ['b', 'a', 'c'].map((id) => ({ ...a.timeline[0]!, id, date: '2023-01' }));
    a.timeline.push({ ...a.timeline[0]!, id: 'year', date: '2023' });
    expect(
      createKnowledgeBase(copy)
        .timeline('belarus')
        .map((e) => e.event.id),
    ).toEqual(['b', 'a', 'c', 'year']);
  });
});

describe('resolve', () => {
  it('matches ids, names in both languages and aliases in any language, ignoring case and diacritics', () => {
    expect(kb.resolve('alliance', 'ОДКБ')).toBe('csto');
    expect(kb.resolve('alliance', 'одкб')).toBe('csto');
    expect(kb.resolve('alliance', 'ovks')).toBe('csto');
    expect(kb.resolve('alliance', 'csto')).toBe('csto');
    expect(kb.resolve('alliance', 'collective security treaty organization')).toBe('csto');
    expect(kb.resolve('country', 'Weissrussland')).toBe('belarus');
    expect(kb.resolve('country', 'Weißrussland')).toBe('belarus');
    expect(kb.resolve('expert', 'anais marin')).toBe('anais-marin');
    expect(kb.resolve('topic', 'ukrainekrieg')).toBe('ukraine-war');
    expect(kb.resolve('article', 'Belarus hosts joint drills as CSTO partners hesitate')).toBe('belarus-drills');
  });

  it('stays within the asked kind and needs an exact match', () => {
    expect(kb.resolve('country', 'csto')).toBeUndefined();
    expect(kb.resolve('alliance', 'cst')).toBeUndefined();
  });
});

describe('suggest', () => {
  it('ranks exact, then prefix, then alias, then fuzzy matches', () => {
    const kbRanked = createKnowledgeBase({
      articles: [],
      topics: [],
      entities: [country('mira', 'Mira'), country('xland', 'Xland', ['Marastan']), country('marabu', 'Marabu'), country('mara', 'Mara')],
    });
    const found = kbRanked.suggest('country', 'mara', 'en');
    expect(found.map((s) => [s.id, s.quality])).toEqual([
      ['mara', 'exact'],
      ['marabu', 'prefix'],
      ['xland', 'alias'],
      ['mira', 'fuzzy'],
    ]);
    expect(found.map((s) => s.score)).toEqual([...found.map((s) => s.score)].sort((a, b) => b - a));
    expect(found[2]?.label).toBe('Xland (Marastan)');
  });

  it('matches a prefix of any word of a name', () => {
    expect(kb.suggest('person', 'lukasch', 'de')).toMatchObject([{ id: 'alexander-lukashenko', quality: 'prefix', label: 'Alexander Lukaschenko' }]);
    expect(kb.suggest('alliance', 'kollektive', 'de')[0]).toMatchObject({ id: 'csto', quality: 'prefix' });
  });

  it('finds aliases and shows which alias matched', () => {
    expect(kb.suggest('country', 'weißr', 'de')).toEqual([
      { kind: 'country', id: 'belarus', label: 'Belarus (Weißrussland)', quality: 'alias', score: expect.any(Number) as unknown },
    ]);
    expect(kb.suggest('alliance', 'ОДКБ', 'en')[0]).toMatchObject({ id: 'csto', quality: 'alias' });
  });

  it('finds typos', () => {
    expect(kb.suggest('expert', 'barbiery', 'en')[0]).toMatchObject({ id: 'jaroslava-barbieri', quality: 'fuzzy' });
    expect(kb.suggest('country', 'tadschikistna', 'de')[0]).toMatchObject({ id: 'tajikistan', quality: 'fuzzy' });
    expect(kb.suggest('expert', 'zzzzzz', 'en')).toEqual([]);
  });

  it('labels in the asked language, alliances with their full name', () => {
    expect(kb.suggest('alliance', 'csto', 'de')[0]?.label).toBe('OVKS – Organisation des Vertrags über kollektive Sicherheit');
    expect(kb.suggest('alliance', 'csto', 'en')[0]?.label).toBe('CSTO – Collective Security Treaty Organization');
    expect(kb.suggest('article', 'belarus hosts', 'de')[0]?.label).toBe(
      '2023-05-10 · Belarus richtet gemeinsame Übungen aus, während OVKS-Partner zögern',
    );
  });

  it('gives good defaults for an empty query', () => {
    // Belarus is named by both articles, the other countries by one.
    expect(kb.suggest('country', '', 'en')[0]?.id).toBe('belarus');
    expect(kb.suggest('article', '  ', 'en').map((s) => s.id)).toEqual(['csto-cracks', 'belarus-drills']);
    expect(kb.suggest('topic', '', 'de').map((s) => s.id)).toEqual(['csto-crisis', 'ukraine-war']);
  });

  it('returns at most 25 distinct ids with labels of at most 100 characters', () => {
    const many = Array.from({ length: 40 }, (_, i) =>
      country(`land-${i}`, `Land ${i} ${'with a very long official name '.repeat(5)}`, [`Land ${i} alias`, `Landia ${i}`]),
    );
    const kbMany = createKnowledgeBase({ articles: [], topics: [], entities: many });
    for (const query of ['', 'land', 'la', 'landia 1', 'lnd']) {
      const found = kbMany.suggest('country', query, 'en', 100);
      expect(found.length).toBeLessThanOrEqual(25);
      expect(new Set(found.map((s) => s.id)).size).toBe(found.length);
      for (const s of found) expect(Array.from(s.label).length).toBeLessThanOrEqual(100);
    }
    expect(kbMany.suggest('country', 'land', 'en')).toHaveLength(25);
    expect(kbMany.suggest('country', 'land', 'en', 3)).toHaveLength(3);
    expect(kbMany.suggest('country', 'land', 'en')[0]?.label.endsWith('…')).toBe(true);
  });

  it('stays cheap and sane on hostile input', () => {
    const hostile = `${'\u0000\u001b[31m'.repeat(500)}${'ж'.repeat(6000)}`;
    const started = performance.now();
    expect(kb.suggest('person', hostile, 'en')).toEqual([]);
    expect(kb.resolve('person', hostile)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('search', () => {
  it('finds quotes by their original wording and by their translation, showing the wording that matched', () => {
    const original = kb.search('Risse', 'en');
    expect(original[0]).toMatchObject({ kind: 'quote', quote: { id: 'barbieri-cracks', expert: 'jaroslava-barbieri' }, paragraph: 5 });
    expect(original[0]).toMatchObject({ language: 'de', text: 'wirklich Risse' });
    expect(kb.search('really cracks', 'de')[0]).toMatchObject({ kind: 'quote', language: 'en', text: 'really cracks', match: 'phrase' });
  });

  it('ranks hits with every word first and lets the last word be a prefix', () => {
    const hits = kb.search('putin respe', 'en');
    expect(hits.filter((h) => h.match === 'all').map((h) => h.text)).toEqual(["Tajikistan's president demanded more respect from Putin."]);
    expect(hits[0]?.match).toBe('all');
    expect(hits.slice(1).every((h) => h.match === 'some')).toBe(true);
    expect(kb.search('putin zzz', 'en').every((h) => h.match === 'some' && /putin/i.test(h.text))).toBe(true);
    expect(kb.search('zzz qqq', 'en')).toEqual([]);
    expect(kb.search('RESPEKT tadschikistans', 'de').filter((h) => h.match !== 'some')).toHaveLength(1);
  });

  it('ranks summaries above key points and newer articles first', () => {
    const hits = kb.search('ovks', 'de');
    expect(hits.map((h) => [h.kind, h.article.id])).toEqual([
      ['summary', 'belarus-drills'],
      ['key-point', 'csto-cracks'],
      ['key-point', 'csto-cracks'],
    ]);
  });

  it('respects the limit and survives hostile input cheaply', () => {
    expect(kb.search('putin', 'en', 1)).toHaveLength(1);
    const hostile = `${'nato\u0000 '.repeat(1000)}${'\u0007x'.repeat(2000)}`;
    const started = performance.now();
    expect(kb.search(hostile, 'en').length).toBeGreaterThan(0);
    expect(kb.search('\u0000'.repeat(6000), 'en')).toEqual([]);
    expect(performance.now() - started).toBeLessThan(200);
  });
});
