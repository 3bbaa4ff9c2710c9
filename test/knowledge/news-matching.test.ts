// Precision and recall of the name matcher on real German and English feed
// items, against an answer key written by hand (test/fixtures/news-matching,
// SOURCE.md). The floors sit a little below what was measured, so a change
// that makes matching worse fails here; `npm run bench -- matching` prints the
// figures and every wrong or missed entity.
import { beforeAll, describe, expect, it } from 'vitest';

import { type AnswerKeyItem, loadRealKnowledgeBase, MATCHING_SETS, readAnswerKey, scoreMatching } from '../../bench/matching.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';

/** Measured 2026-12: tuned de 100 % / 100 %, en 98.4 % / 100 %; fresh de 97.4 % / 97.4 %, en 100 % / 98.4 % (precision / recall). */
const FLOORS = {
  tuned: { precision: 0.95, recall: 0.95 },
  fresh: { precision: 0.95, recall: 0.9 },
} as const;

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadRealKnowledgeBase();
});

describe.each(MATCHING_SETS)('matching the %s news items', (set) => {
  const items = readAnswerKey(set);

  it.each(['de', 'en'] as const)('keeps precision and recall in %s', (language) => {
    const chosen = items.filter((item: AnswerKeyItem) => item.language === language);
    expect(chosen.length).toBeGreaterThanOrEqual(20);
    const score = scoreMatching(kb, chosen);
    expect(score.precision, JSON.stringify(score.errors)).toBeGreaterThanOrEqual(FLOORS[set].precision);
    expect(score.recall, JSON.stringify(score.errors)).toBeGreaterThanOrEqual(FLOORS[set].recall);
  });

  it('names only entities the knowledge base knows in its key', () => {
    for (const item of items) for (const id of item.expect) expect(kb.entity(id), `${item.title}: ${id}`).toBeDefined();
  });
});
