// How well and how fast names are matched in news headlines, and what the
// country data set costs a knowledge-base load.
// (1) Precision and recall of the entities matched in real German and English
//     feed items (test/fixtures/news-matching, see its SOURCE.md), against an
//     answer key written by hand: a "tuned" set the rules were tuned on and a
//     "fresh" set they never were.
// (2) Matching time per item, the whole fixture scanned repeatedly.
// (3) Reading the country data set (once per process) and merging it into the
//     entities (every load).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { dataSetCountries } from '../src/knowledge/country-data-set.js';
import { createKnowledgeBase } from '../src/knowledge/create-knowledge-base.js';
import type { KnowledgeBase } from '../src/knowledge/knowledge-base.js';
import { loadDataset } from '../src/knowledge/load.js';
import { withCountryDataSet } from '../src/knowledge/merge-countries.js';
import { EntityFile } from '../src/knowledge/schema.js';
import { topicMatcherFor } from '../src/knowledge/topic-matcher.js';
import { table } from './table.js';

export interface AnswerKeyItem {
  source: string;
  language: 'de' | 'en';
  title: string;
  summary: string;
  /** The entities the item names, by hand (see SOURCE.md for the rule). */
  expect: string[];
}

export interface MatchingScore {
  items: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  /** Per item, what was matched that the key does not list, and what the key lists that was not matched. */
  errors: { title: string; extra: string[]; missed: string[] }[];
}

export const MATCHING_SETS = ['tuned', 'fresh'] as const;

const root = fileURLToPath(new URL(import.meta.url.includes('/dist/') ? '../../' : '../', import.meta.url));

export function readAnswerKey(set: (typeof MATCHING_SETS)[number]): AnswerKeyItem[] {
  return JSON.parse(readFileSync(`${root}test/fixtures/news-matching/${set}.json`, 'utf8')) as AnswerKeyItem[];
}

export async function loadRealKnowledgeBase(): Promise<KnowledgeBase> {
  const result = await loadDataset(`${root}data`);
  if (!result.ok) throw new Error(`data/ has problems: ${JSON.stringify(result.problems.slice(0, 3))}`);
  return createKnowledgeBase(result.dataset);
}

/** Entities matched in each item's title and summary (topics are not scored) against the key. */
export function scoreMatching(kb: KnowledgeBase, items: readonly AnswerKeyItem[]): MatchingScore {
  const matcher = topicMatcherFor(kb);
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  const errors: MatchingScore['errors'] = [];
  for (const item of items) {
    const found = matcher.topicsOf({ title: item.title, summary: item.summary, declaredTopics: [] }).filter((id) => kb.entity(id) !== undefined);
    const expected = new Set(item.expect);
    const extra = found.filter((id) => !expected.has(id));
    const missed = item.expect.filter((id) => !found.includes(id));
    truePositives += found.length - extra.length;
    falsePositives += extra.length;
    falseNegatives += missed.length;
    if (extra.length > 0 || missed.length > 0) errors.push({ title: item.title, extra, missed });
  }
  return {
    items: items.length,
    truePositives,
    falsePositives,
    falseNegatives,
    precision: truePositives / Math.max(1, truePositives + falsePositives),
    recall: truePositives / Math.max(1, truePositives + falseNegatives),
    errors,
  };
}

const percent = (value: number): string => `${(value * 100).toFixed(1)} %`;

export async function benchMatching(print: (line: string) => void): Promise<void> {
  let started = performance.now();
  dataSetCountries();
  const readMs = performance.now() - started;
  const kb = await loadRealKnowledgeBase();
  const entities = kb.entitiesOfKind('country').length;

  const located = ['alliances', 'countries', 'people', 'experts'].flatMap((name) =>
    EntityFile.parse(JSON.parse(readFileSync(`${root}data/entities/${name}.json`, 'utf8'))).map((value) => ({ file: name, path: '$', value })),
  );
  const MERGES = 50;
  started = performance.now();
  for (let i = 0; i < MERGES; i++) withCountryDataSet(located, []);
  const mergeMs = (performance.now() - started) / MERGES;
  print(
    `country data set: ${dataSetCountries().length} countries (${entities} country entities); read ${readMs.toFixed(1)} ms once per process, merged in ${mergeMs.toFixed(2)} ms per load`,
  );

  const rows: string[][] = [];
  for (const set of MATCHING_SETS) {
    const items = readAnswerKey(set);
    for (const language of ['de', 'en', undefined] as const) {
      const score = scoreMatching(kb, language === undefined ? items : items.filter((item) => item.language === language));
      rows.push([
        set,
        language ?? 'all',
        String(score.items),
        String(score.truePositives),
        String(score.falsePositives),
        String(score.falseNegatives),
        percent(score.precision),
        percent(score.recall),
      ]);
    }
  }
  print('');
  for (const line of table(['set', 'language', 'items', 'right', 'wrong', 'missed', 'precision', 'recall'], rows, 2)) print(line);
  for (const set of MATCHING_SETS) {
    print('');
    print(`${set}: items with a wrong or missed entity`);
    for (const error of scoreMatching(kb, readAnswerKey(set)).errors) {
      print(
        `  ${error.title.slice(0, 70)}${error.extra.length > 0 ? ` | wrong: ${error.extra.join(', ')}` : ''}${error.missed.length > 0 ? ` | missed: ${error.missed.join(', ')}` : ''}`,
      );
    }
  }

  const texts = MATCHING_SETS.flatMap((set) => readAnswerKey(set)).flatMap((item) => [item.title, item.summary]);
  const matcher = topicMatcherFor(kb);
  const ROUNDS = 200;
  started = performance.now();
  for (let round = 0; round < ROUNDS; round++) for (const text of texts) matcher.match(text);
  const perText = ((performance.now() - started) * 1000) / (ROUNDS * texts.length);
  print('');
  print(`matching: ${perText.toFixed(1)} µs per title or summary (${texts.length} texts × ${ROUNDS} rounds)`);
}
