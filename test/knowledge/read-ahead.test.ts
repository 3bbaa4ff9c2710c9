// A worker reading ahead must not change what loading reports (same records,
// same problems in the same order) nor what search finds. Workers run compiled
// JavaScript only, so this test loads the build in dist/ (`npm test` builds
// first) and compares it with the one-thread path of the source.
import { readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { generateDataset, writeDataset } from '../../bench/generate-dataset.js';
import * as create from '../../src/knowledge/create-knowledge-base.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import * as source from '../../src/knowledge/load.js';
import type * as loadKb from '../../src/knowledge/load-knowledge-base.js';
import type * as ahead from '../../src/knowledge/read-ahead.js';
import type { Article } from '../../src/knowledge/schema.js';
import { newestFirst, type PreparedSearch, searchDocuments } from '../../src/knowledge/search-documents.js';
import { buildSearchTables } from '../../src/knowledge/search-tables.js';
import { assertBuilt, importBuilt } from '../support/built-modules.js';

const fixtures = fileURLToPath(new URL('../fixtures', import.meta.url));
let compiled: { load: typeof source; ahead: typeof ahead; loadKb: typeof loadKb; create: typeof create };

beforeAll(async () => {
  const at = (name: string) => `src/knowledge/${name}`;
  assertBuilt(['load', 'read-ahead', 'read-ahead-worker', 'load-knowledge-base', 'create-knowledge-base', 'search-tables'].map(at));
  compiled = {
    load: await importBuilt<typeof source>(at('load')),
    ahead: await importBuilt<typeof ahead>(at('read-ahead')),
    loadKb: await importBuilt<typeof loadKb>(at('load-knowledge-base')),
    create: await importBuilt<typeof create>(at('create-knowledge-base')),
  };
});

async function loadBothWays(dir: string): Promise<source.LoadResult> {
  const reference = await source.loadDataset(dir);
  const reader = compiled.ahead.readAhead({ force: true });
  try {
    expect(await compiled.load.loadDataset(dir, { reader })).toEqual(reference);
  } finally {
    reader.close();
  }
  return reference;
}

/** A search index made for `articles`, as the worker prepares one. */
function preparedFor(articles: readonly Article[]): PreparedSearch {
  const sorted = [...articles].sort(newestFirst);
  return { articleIds: sorted.map((a) => a.id), tables: buildSearchTables(sorted.flatMap(searchDocuments)) };
}

/** What search answers, as ids and texts: the same questions to both knowledge bases. */
function searchAnswers(kb: KnowledgeBase, queries: readonly string[]): string[] {
  return queries.flatMap((query) =>
    (['de', 'en'] as const).flatMap((lang) =>
      kb.search(query, lang, 10).map((hit) => `${query}|${lang}: ${hit.article.id} ${hit.kind} ${hit.match} ${hit.text}`),
    ),
  );
}

describe('loading with a worker reading ahead', () => {
  const folders = ['knowledge', ...readdirSync(join(fixtures, 'broken')).map((name) => `broken/${name}`)];
  it.each(folders)('reports the same as one thread for fixtures/%s', async (name) => {
    await loadBothWays(join(fixtures, name));
  });

  describe('on a folder of many files', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'lagebild-read-ahead-'));
      await writeDataset(generateDataset({ articles: 300, entities: 600, seed: 3 }), dir);
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('returns the same records in the same order, and a search index that answers as one built here', async () => {
      const result = await loadBothWays(dir);
      if (!result.ok) throw new Error('generated data has problems');
      const reader = compiled.ahead.readAhead({ force: true });
      await compiled.load.loadDataset(dir, { reader });
      const prepared = await reader.search();
      reader.close();
      expect(prepared?.articleIds).toEqual([...result.dataset.articles].sort(newestFirst).map((a) => a.id));
      const here = create.createKnowledgeBase(result.dataset);
      // Words of the data itself: a title's words, a quote's, and a prefix as typed.
      const article = result.dataset.articles[17]!;
      const quote = result.dataset.articles.find((a) => a.quotes.length > 0)!.quotes[0]!;
      const queries = [
        ...article.title.en.split(' ').slice(0, 2),
        quote.text.split(' ').slice(1, 4).join(' '),
        article.summary[0]!.text.de.slice(0, 5),
      ];
      const answers = searchAnswers(here, queries);
      expect(answers.length).toBeGreaterThan(queries.length);
      expect(searchAnswers(await compiled.create.buildKnowledgeBase(result.dataset, Promise.resolve(prepared)), queries)).toEqual(answers);
      const loaded = await compiled.loadKb.loadKnowledgeBase(dir, { forceReadAhead: true });
      expect(loaded.ok && searchAnswers(loaded.kb, queries)).toEqual(answers);
    });

    it('reads here what a worker that stopped did not deliver, and prepares no index then', async () => {
      const reference = await source.loadDataset(dir);
      const reader = compiled.ahead.readAhead({ force: true });
      // The worker is stopped right after it started: every file comes from this thread.
      const stopping = {
        begin: (list: Parameters<typeof reader.begin>[0]) => {
          reader.begin(list);
          reader.close();
        },
        read: (index: number) => reader.read(index),
      };
      expect(await compiled.load.loadDataset(dir, { reader: stopping })).toEqual(reference);
      expect(await reader.search()).toBeUndefined();
    });

    it('builds the index here when the one prepared is for other articles', async () => {
      const result = await source.loadDataset(dir);
      if (!result.ok) throw new Error('generated data has problems');
      const query = result.dataset.articles[5]!.title.en.split(' ')[0]!;
      const here = create.createKnowledgeBase(result.dataset);
      // An index prepared for all but the first article: every document number would be off by that article's.
      const fewer = { ...result.dataset, articles: result.dataset.articles.slice(1) };
      const kb = await create.buildKnowledgeBase(result.dataset, Promise.resolve(preparedFor(fewer.articles)));
      expect(searchAnswers(kb, [query])).toEqual(searchAnswers(here, [query]));
    });

    it('reads no more than a few batches ahead: a file far ahead, changed while validation pauses, is read as changed', async () => {
      const far = await mkdtemp(join(tmpdir(), 'lagebild-read-ahead-far-'));
      try {
        await writeDataset(generateDataset({ articles: 700, entities: 300, seed: 5 }), far);
        const reader = compiled.ahead.readAhead({ force: true });
        const pausing = {
          begin: (list: Parameters<typeof reader.begin>[0]) => reader.begin(list),
          read: async (index: number) => {
            const read = await reader.read(index);
            if (index === 0) {
              // Time enough to read all 700 files; a worker that did would miss the change.
              await new Promise((resolve) => setTimeout(resolve, 300));
              const file = join(far, 'articles', 'article-00650.json');
              await writeFile(file, (await readFile(file, 'utf8')).replace('"publisher"', '"publisher_"'));
            }
            return read;
          },
        };
        const result = await compiled.load.loadDataset(far, { reader: pausing });
        reader.close();
        expect(result.ok ? [] : result.problems.map(source.formatProblem)).toContain('articles/article-00650.json: $.publisher_: unknown field');
      } finally {
        await rm(far, { recursive: true, force: true });
      }
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
      const result = await loadBothWays(dir);
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
