import { describe, expect, it } from 'vitest';

import { generateDataset } from '../../bench/generate-dataset.js';
import { createKnowledgeBase } from '../../src/knowledge/create-knowledge-base.js';

describe('suggest on a broad prefix', () => {
  // 1,500 articles: their ids alone ("article-00001", …) put thousands of keys under "a".
  const kb = createKnowledgeBase(generateDataset({ articles: 1_500, entities: 300, seed: 5 }));

  it('ranks every match, not just the first keys in alphabetical order', () => {
    // Every id is a whole-name prefix match, so recency alone decides: the newest articles.
    const newest = kb.articles.slice(0, 25).map((a) => a.id);
    expect(kb.suggest('article', 'a', 'en').map((s) => s.id)).toEqual(newest);
    expect(kb.suggest('article', 'A', 'de', 5).map((s) => s.id)).toEqual(newest.slice(0, 5));
  });

  it('answers a repeated broad query the same way, in either language', () => {
    const first = kb.suggest('person', 'k', 'en');
    expect(first).toHaveLength(25);
    expect(kb.suggest('person', 'k', 'en')).toEqual(first);
    const german = kb.suggest('person', 'K', 'de');
    expect(german.map((s) => [s.id, s.score, s.quality])).toEqual(first.map((s) => [s.id, s.score, s.quality]));
  });
});
