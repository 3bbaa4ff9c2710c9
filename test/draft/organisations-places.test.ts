// Organisations and places the knowledge base does not know, proposed by the
// draft as new entities with the paragraph they come from; on texts of our own
// (English and German) and on the seed article.
import { readFileSync } from 'node:fs';

import { beforeAll, describe, expect, it } from 'vitest';

import { draftCases, loadKnowledgeBase, SEED_OPTIONS } from '../../bench/draft-quality.js';
import { draftArticle } from '../../src/draft/draft-article.js';
import { findNewOrganisations } from '../../src/draft/new-organisations.js';
import { findNewPlaces } from '../../src/draft/new-places.js';
import { splitParagraphs } from '../../src/draft/paragraphs.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { Entity } from '../../src/knowledge/schema.js';
import { findTodos, isTodo } from '../../src/knowledge/to-do.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadKnowledgeBase();
});

const unknown = (): boolean => false;
const organisations = (text: string): string[] => findNewOrganisations(splitParagraphs(text), unknown).map((o) => o.name);
const noCountry = (): undefined => undefined;
const places = (text: string): string[] => findNewPlaces(splitParagraphs(text), unknown, noCountry).map((p) => p.name);

describe('findNewOrganisations', () => {
  it.each([
    ['Jaroslava Barbieri, Forscherin an der Universität Birmingham, sagte', 'Universität Birmingham'],
    ['said Jane Doe, a professor at the University of Birmingham.', 'University of Birmingham'],
    ['Anaïs Marin, eine Expertin für Belarus bei Chatham House', 'Chatham House'],
    [
      'der Generalsekretär der Organisation des Vertrags über kollektive Sicherheit Stanislav Zass',
      'Organisation des Vertrags über kollektive Sicherheit',
    ],
    ['Analysts at the Institute for the Study of War said', 'Institute for the Study of War'],
    ['a report by the Council on Foreign Relations', 'Council on Foreign Relations'],
    ['The Shanghai Cooperation Organisation met in Astana.', 'Shanghai Cooperation Organisation'],
    ['Bank of Russia Governor Elvira Nabiullina said', 'Bank of Russia'],
    ['eine Studie der Expertin der Universität Oxford Anna Berg', 'Universität Oxford'],
    ['Das Bundesverteidigungsministerium Österreichs teilte mit', 'Bundesverteidigungsministerium Österreichs'],
  ])('in "%s" finds %s', (text, name) => {
    expect(organisations(text)).toEqual([name]);
  });

  it('keeps the acronym in parentheses as an alias', () => {
    expect(findNewOrganisations(splitParagraphs('die Deutsche Stiftung für Friedensforschung (DSF) warnt'), unknown)).toEqual([
      { name: 'Deutsche Stiftung für Friedensforschung', paragraph: 1, acronym: 'DSF' },
    ]);
  });

  it.each([
    ['Das Außenministerium teilte mit, die Lage sei ruhig.'],
    ['Fighting continued on the West Bank.'],
    ['The ministry and the council declined to comment.'],
    ['Die Universität sagte nichts.'],
  ])('finds no organisation in "%s"', (text) => {
    expect(organisations(text)).toEqual([]);
  });

  it('leaves out what the knowledge base knows, also when its name runs on into the next one', () => {
    const known = (name: string): boolean => name === 'Organisation des Vertrags über kollektive Sicherheit' || name === 'OVKS';
    const text = 'der Generalsekretär der Organisation des Vertrags über kollektive Sicherheit Stanislav Zass und die Weltbank Europas (OVKS)';
    expect(findNewOrganisations(splitParagraphs(text), known)).toEqual([]);
    const csto = (name: string): boolean => name === 'Collective Security Treaty Organization';
    expect(findNewOrganisations(splitParagraphs('the Moscow-led Collective Security Treaty Organization met'), csto)).toEqual([]);
    expect(findNewOrganisations(splitParagraphs('the Bank of Russia'), (name) => name === 'Russia')).toHaveLength(1);
  });
});

describe('findNewPlaces', () => {
  it.each([
    ['Soldaten aus der Region Rjasan wurden verlegt', 'Rjasan'],
    ['Proteste in der Hauptstadt Bischkek', 'Bischkek'],
    ['fighting in the city of Kharkiv', 'Kharkiv'],
    ['the Batken region borders Tajikistan', 'Batken'],
    ['Russian forces advanced in the Kursk region.', 'Kursk'],
    ['The summit met in the capital, Astana.', 'Astana'],
    ['Leaders gathered in Yerevan on Monday.', 'Yerevan'],
  ])('in "%s" finds %s', (text, name) => {
    expect(places(text)).toEqual([name]);
  });

  it('finds the place of a news dateline, with the country it names in parentheses', () => {
    const kyrgyzstan = (name: string): string | undefined => (name === 'Kirgisistan' ? 'kyrgyzstan' : undefined);
    const dateline = 'Bischkek (Kirgisistan), 13.06.2010 – Kirgistan kommt nicht zur Ruhe.';
    expect(findNewPlaces(splitParagraphs(dateline), unknown, kyrgyzstan)).toEqual([{ name: 'Bischkek', paragraph: 1, country: 'kyrgyzstan' }]);
    // An agency in parentheses is no country.
    expect(findNewPlaces(splitParagraphs('Moskau (dpa) – Die Regierung sagte das.'), unknown, kyrgyzstan)).toEqual([]);
  });

  it.each([
    ['the Central Asian region'],
    ['Victoria Nuland said'],
    ['in der Stadt Verwaltung'],
    ['the Moscow-led alliance'],
    ['Central Asian states were wary of offending Moscow.'],
  ])('finds no place in "%s"', (text) => {
    expect(places(text)).toEqual([]);
  });
});

describe('draft proposes organisations and places', () => {
  const text = [
    'Analysts at the Institute for the Study of War (ISW) said Russian forces had advanced in the Kursk region.',
    'Jane Holloway, a senior fellow at Chatham House, said: "The alliance has never looked weaker."',
    'The ISW report was read widely in Yerevan.',
  ].join('\n');

  it('as new entities with their paragraph, later mentions, to-dos, and a capital with its country', () => {
    const draft = draftArticle(text, { id: 'test-2025-01-31-isw', date: '2025-01-31', publisher: 'test' }, kb);
    const byId = new Map(draft.entities.map((e) => [e.id, e]));
    expect(byId.get('institute-for-the-study-of-war')).toMatchObject({ kind: 'organisation', aliases: [{ text: 'ISW', lang: 'en' }] });
    expect(byId.get('chatham-house')?.kind).toBe('organisation');
    expect(byId.get('kursk')).toMatchObject({ kind: 'place', facts: [{ source: { article: 'test-2025-01-31-isw', paragraph: 1 } }] });
    expect(byId.get('yerevan')).toMatchObject({ kind: 'place', country: 'armenia' });
    // The acronym alone names the institute again in paragraph 3.
    expect(draft.mentions['institute-for-the-study-of-war']).toEqual([1, 3]);
    expect(draft.article.entities).toEqual(expect.arrayContaining(['institute-for-the-study-of-war', 'chatham-house', 'kursk', 'yerevan']));
    // "Chatham House" is not a person called House; Jane Holloway is the one quoted.
    expect([...byId.values()].filter((e) => e.kind === 'person' || e.kind === 'expert').map((e) => e.id)).toEqual(['jane-holloway']);
    for (const entity of draft.entities.filter((e) => e.kind === 'organisation' || e.kind === 'place')) {
      expect(findTodos(entity).map((t) => t.path)).toEqual(expect.arrayContaining(['$.name.de', '$.description.en', '$.description.de']));
    }
  });

  it('in the data format of data/entities once the to-dos are done', () => {
    const draft = draftArticle(text, { id: 'test-2025-01-31-isw', date: '2025-01-31', publisher: 'test' }, kb);
    const done = JSON.parse(JSON.stringify(draft.entities), (_key, value: unknown) => (isTodo(value) ? 'done' : value)) as unknown[];
    for (const entity of done) expect(Entity.safeParse(entity).error?.issues).toBeUndefined();
  });

  it('on the seed article: its universities, Chatham House and the Rjasan region, nothing else', () => {
    const seed = readFileSync(new URL('../fixtures/seed/securnews-2024-12-27-csto.txt', import.meta.url), 'utf8');
    const draft = draftArticle(seed, SEED_OPTIONS, kb);
    const proposed = draft.entities.filter((e) => e.kind === 'organisation' || e.kind === 'place').map((e) => `${e.kind} ${e.id}`);
    expect(proposed.sort()).toEqual([
      'organisation chatham-house',
      'organisation universitat-birmingham',
      'organisation universitat-oxford',
      'place rjasan',
    ]);
    expect(draftCases(kb)[0]!.key.kinds).toBeUndefined();
  });
});
