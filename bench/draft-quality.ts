// `npm run bench -- draft`: how good `lagebild draft` is, on the seed article
// (what it was tuned on: the curated article is the answer key) and on the
// other real texts in test/fixtures/draft/, whose keys were written by hand
// before drafting them (the honest figures). Also how long a draft takes.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { DATA_DIR, REPO_ROOT } from '../scripts/bot-process.js';
import { draftArticle, type DraftOptions } from '../src/draft/draft-article.js';
import { MAX_TEXT_BYTES } from '../src/draft/input-text.js';
import { createKnowledgeBase } from '../src/knowledge/create-knowledge-base.js';
import type { KnowledgeBase } from '../src/knowledge/knowledge-base.js';
import { loadDataset } from '../src/knowledge/load.js';
import { type AnswerKey, formatScores, keyOfArticle, scoreDraft, type Scores } from './draft-scores.js';

export const SEED_ID = 'securnews-2024-12-27-csto';
export const SEED_OPTIONS: DraftOptions = { id: SEED_ID, date: '2024-12-27', publisher: 'securnews', written: '2023-05' };
const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'draft');

export interface DraftCase {
  name: string;
  text: string;
  options: DraftOptions;
  key: AnswerKey;
}

export async function loadKnowledgeBase(): Promise<KnowledgeBase> {
  const loaded = await loadDataset(DATA_DIR);
  if (!loaded.ok) throw new Error(`the data in ${DATA_DIR} has problems`);
  return createKnowledgeBase(loaded.dataset);
}

/** The seed (keyed by its curated article) and every fixture with a hand-written key. */
export function draftCases(kb: KnowledgeBase): DraftCase[] {
  const seed = kb.article(SEED_ID);
  if (!seed) throw new Error(`the data has no article ${SEED_ID}`);
  const cases: DraftCase[] = [
    {
      name: `${SEED_ID} (seed, tuned on)`,
      text: readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'seed', `${SEED_ID}.txt`), 'utf8'),
      options: SEED_OPTIONS,
      key: keyOfArticle(seed),
    },
  ];
  for (const file of readdirSync(FIXTURES)
    .filter((name) => name.endsWith('.key.json'))
    .sort()) {
    const name = file.slice(0, -'.key.json'.length);
    const { options, key } = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as { options: DraftOptions; key: AnswerKey };
    cases.push({ name, text: readFileSync(join(FIXTURES, `${name}.txt`), 'utf8'), options, key });
  }
  return cases;
}

export function scoreCase(kb: KnowledgeBase, draftCase: DraftCase): Scores {
  const draft = draftArticle(draftCase.text, draftCase.options, kb);
  const proposed = new Map(draft.entities.map((e) => [e.id, e.kind]));
  return scoreDraft(draft.article, draftCase.key, (id) => proposed.get(id) ?? kb.entity(id)?.kind);
}

/** The organisations and places a draft proposes, for a reader to judge (no key of the seed covers them). */
export function proposedInstitutions(kb: KnowledgeBase, draftCase: DraftCase): string[] {
  return draftArticle(draftCase.text, draftCase.options, kb)
    .entities.filter((e) => e.kind === 'organisation' || e.kind === 'place')
    .map((e) => `${e.kind} ${e.id}`);
}

/** `text` repeated to as many characters as fit in MAX_TEXT_BYTES of UTF-8. */
function upToCap(text: string): string {
  let long = text.repeat(Math.ceil(MAX_TEXT_BYTES / text.length));
  while (Buffer.byteLength(long) > MAX_TEXT_BYTES) long = long.slice(0, Math.floor(long.length * 0.98));
  return long;
}

export async function benchDraftQuality(print: (line: string) => void): Promise<void> {
  const kb = await loadKnowledgeBase();
  for (const draftCase of draftCases(kb)) {
    const start = performance.now();
    const scores = scoreCase(kb, draftCase);
    print(`${formatScores(draftCase.name, scores)}\n  drafted in ${(performance.now() - start).toFixed(0)} ms`);
    print(`  proposed organisations and places: ${proposedInstitutions(kb, draftCase).join(', ') || 'none'}`);
  }
  // The largest text `draft` takes, and one that is a single line of attributions and opening quotes.
  const seed = draftCases(kb)[0]!.text;
  for (const [name, text] of [
    ['the seed repeated up to the 1 MiB cap', upToCap(seed)],
    ['one 1 MB line of „ and "sagte"', '„ Hans Meier sagte, so Anna Berg, '.repeat(MAX_TEXT_BYTES / 40)],
  ] as const) {
    const start = performance.now();
    draftArticle(text, SEED_OPTIONS, kb);
    print(`${name} (${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB): drafted in ${(performance.now() - start).toFixed(0)} ms`);
  }
}
