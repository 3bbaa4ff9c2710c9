import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { checkDataDir, type DataProblem, formatProblem, loadDataset } from '../../src/knowledge/load.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const realData = fileURLToPath(new URL('../../data', import.meta.url));

describe('loadDataset', () => {
  it('loads a clean folder with every record', async () => {
    const result = await loadDataset(fixture('knowledge'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.dataset.articles.map((a) => a.id).sort()).toEqual(['belarus-drills', 'csto-cracks']);
    // The folder's 10 entities (each with a description), then the countries of the data set it does not name.
    expect(result.dataset.entities.filter((e) => e.kind !== 'country' || e.description !== undefined)).toHaveLength(10);
    expect(result.dataset.entities.find((e) => e.id === 'turkey')).toMatchObject({ kind: 'country', iso: 'TR' });
    expect(result.dataset.topics).toHaveLength(2);
    // Schema defaults are applied: the fixture leaves out `corrections` on entities.
    expect(result.dataset.entities.every((e) => Array.isArray(e.corrections))).toBe(true);
  });

  const cases: [string, DataProblem[]][] = [
    ['invalid-json', [{ file: 'articles/belarus-drills.json', path: '$', message: 'invalid JSON at line 10, column 33: unexpected ","' }]],
    ['missing-field', [{ file: 'articles/belarus-drills.json', path: '$.publisher', message: 'missing required field' }]],
    ['empty-quote', [{ file: 'articles/belarus-drills.json', path: '$.quotes[0].text', message: 'must not be empty' }]],
    ['missing-file', [{ file: 'topics.json', path: '$', message: 'file is missing' }]],
    ['unknown-expert', [{ file: 'articles/csto-cracks.json', path: '$.quotes[1].expert', message: 'unknown expert "jaroslava-barbiery"' }]],
    [
      'duplicate-id',
      [{ file: 'entities/countries.json', path: '$[4].id', message: 'duplicate id "armenia" (first at entities/countries.json $[2].id)' }],
    ],
    [
      'duplicate-alias',
      [
        {
          file: 'entities/countries.json',
          path: '$[1].aliases[0].text',
          message: '"Weißrussland" is also a name or alias of country "russia" (entities/countries.json)',
        },
      ],
    ],
    [
      'file-name-mismatch',
      [
        {
          file: 'articles/belarus-drills.json',
          path: '$.id',
          message: 'id "belarus-exercise" does not match the file name (expected articles/belarus-exercise.json)',
        },
      ],
    ],
    ['bad-date', [{ file: 'articles/csto-cracks.json', path: '$.timeline[0].date', message: 'is not a real calendar date' }]],
    [
      'paragraph-beyond-count',
      [
        {
          file: 'articles/csto-cracks.json',
          path: '$.quotes[1].paragraph',
          message: 'paragraph 13 is beyond the 12 paragraphs of article "csto-cracks"',
        },
      ],
    ],
    [
      'missing-translation',
      [
        {
          file: 'articles/belarus-drills.json',
          path: '$.quotes[0].translations.de',
          message: 'missing: a quote printed in English needs a translation into German',
        },
      ],
    ],
  ];
  it.each(cases)('reports exactly the defect in broken/%s', async (name, expected) => {
    const result = await loadDataset(fixture(`broken/${name}`));
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems).toEqual(expected);
    expect(await checkDataDir(fixture(`broken/${name}`))).toEqual(expected);
  });

  it('reports a missing folder instead of throwing', async () => {
    const result = await loadDataset(fixture('does-not-exist'));
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      'articles/: $: folder is missing',
      'entities/: $: folder is missing',
      'topics.json: $: file is missing',
    ]);
  });

  it('formats a problem as one check line', () => {
    expect(formatProblem({ file: 'topics.json', path: '$[0].id', message: 'duplicate id "x"' })).toBe('topics.json: $[0].id: duplicate id "x"');
  });

  const dataReady = existsSync(`${realData}/topics.json`);
  it.skipIf(!dataReady)(`loads the real data/ with zero problems${dataReady ? '' : ' (SKIPPED: data/topics.json not written yet)'}`, async () => {
    expect(await checkDataDir(realData)).toEqual([]);
  });
});
