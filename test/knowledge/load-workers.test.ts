// Worker threads must not change what loading reports: same records, same
// problems in the same order. Workers run compiled JavaScript only, so this
// test loads the build in dist/ (`npm test` builds first) and compares it with
// the one-thread path of the same build and of the source.
import { readdirSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { generateDataset, writeDataset } from '../../bench/generate-dataset.js';
import * as source from '../../src/knowledge/load.js';

const compiledPath = fileURLToPath(new URL('../../dist/src/knowledge/load.js', import.meta.url));
const sourcePath = fileURLToPath(new URL('../../src/knowledge/load.ts', import.meta.url));
const fixtures = fileURLToPath(new URL('../fixtures', import.meta.url));
let compiled: typeof source;

beforeAll(async () => {
  const built = statSync(compiledPath, { throwIfNoEntry: false });
  if (!built || built.mtimeMs < statSync(sourcePath).mtimeMs)
    throw new Error(`${compiledPath} is missing or older than its source: run npm run build`);
  compiled = (await import(compiledPath)) as typeof source;
});

async function loadEveryWay(dir: string): Promise<source.LoadResult> {
  const reference = await source.loadDataset(dir, { workers: 0 });
  expect(await compiled.loadDataset(dir, { workers: 0 })).toEqual(reference);
  expect(await compiled.loadDataset(dir, { workers: 2 })).toEqual(reference);
  return reference;
}

describe('loading with worker threads', () => {
  const folders = ['knowledge', ...readdirSync(join(fixtures, 'broken')).map((name) => `broken/${name}`)];
  it.each(folders)('reports the same as one thread for fixtures/%s', async (name) => {
    await loadEveryWay(join(fixtures, name));
  });

  describe('on a folder of many batches', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'lagebild-workers-'));
      await writeDataset(generateDataset({ articles: 300, entities: 600, seed: 3 }), dir);
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('returns the same records in the same order', async () => {
      const result = await loadEveryWay(dir);
      expect(result.ok && result.dataset.articles.length).toBe(300);
    });

    it('reports defects spread over many files in file order', async () => {
      const articles = join(dir, 'articles');
      const edit = async (file: string, change: (text: string) => string): Promise<void> => {
        await writeFile(join(articles, file), change(await readFile(join(articles, file), 'utf8')));
      };
      await edit('article-00299.json', (text) => text.replace('"publisher"', '"publisher_"'));
      await edit('article-00007.json', (text) => text.replace('{', '{,'));
      await edit('article-00200.json', (text) => text.replace(/"paragraphCount": \d+/, '"paragraphCount": 0'));
      await writeFile(join(dir, 'entities', 'countries.json'), '{}');
      const result = await loadEveryWay(dir);
      expect(result.ok ? [] : result.problems.map(source.formatProblem)).toEqual([
        'articles/article-00007.json: $: invalid JSON at line 1, column 2: unexpected ","',
        'articles/article-00200.json: $.paragraphCount: Too small: expected number to be >0',
        'articles/article-00299.json: $.publisher: missing required field',
        'articles/article-00299.json: $.publisher_: unknown field',
        'entities/countries.json: $: Invalid input: expected array, received object',
      ]);
    });
  });
});
