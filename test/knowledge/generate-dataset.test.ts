import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { generateDataset, writeDataset } from '../../bench/generate-dataset.js';
import { createKnowledgeBase } from '../../src/knowledge/create-knowledge-base.js';
import { loadDataset } from '../../src/knowledge/load.js';

describe('generateDataset', () => {
  it('is deterministic for a seed', () => {
    const a = generateDataset({ articles: 30, entities: 60, seed: 7 });
    expect(generateDataset({ articles: 30, entities: 60, seed: 7 })).toEqual(a);
    expect(generateDataset({ articles: 30, entities: 60, seed: 8 })).not.toEqual(a);
  });

  it('writes a folder that passes every check', async () => {
    const dataset = generateDataset({ articles: 300, entities: 600 });
    expect(dataset.articles).toHaveLength(300);
    expect(dataset.entities).toHaveLength(600);
    const kinds = new Set(dataset.entities.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(['alliance', 'country', 'expert', 'person']);
    const dir = await mkdtemp(join(tmpdir(), 'lagebild-gen-'));
    try {
      await writeDataset(dataset, dir);
      const result = await loadDataset(dir);
      expect(result.ok ? [] : result.problems.slice(0, 5)).toEqual([]);
      if (!result.ok) return;
      // The generated names work for lookups: a person's Russian alias resolves to them.
      const kb = createKnowledgeBase(result.dataset);
      const person = kb.entitiesOfKind('person').find((p) => p.aliases.some((a) => a.lang === 'ru'))!;
      expect(kb.resolve('person', person.aliases.find((a) => a.lang === 'ru')!.text)).toBe(person.id);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
