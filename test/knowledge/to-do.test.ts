// To-dos in data files: found wherever they are, reported by the loader as
// problems at their JSON path, and standing in for any value (an id, a date)
// without the schema's complaint about that value.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { DATA_DIR } from '../../scripts/bot-process.js';
import { checkDataDir } from '../../src/knowledge/load.js';
import { findTodos, todo } from '../../src/knowledge/to-do.js';

const scratch = mkdtempSync(join(tmpdir(), 'lagebild-todo-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('findTodos', () => {
  it('finds every to-do string with its JSON path, in document order', () => {
    const json = { title: { de: 'Titel', en: todo('translate') }, quotes: [{ expert: todo('who said this?'), 'odd key': [todo('x')] }], n: 3 };
    expect(findTodos(json)).toEqual([
      { path: '$.title.en', what: 'translate' },
      { path: '$.quotes[0].expert', what: 'who said this?' },
      { path: '$.quotes[0]["odd key"][0]', what: 'x' },
    ]);
  });

  it('finds none in the bundled data', () => {
    const text = readFileSync(join(DATA_DIR, 'articles', 'securnews-2024-12-27-csto.json'), 'utf8');
    expect(findTodos(JSON.parse(text))).toEqual([]);
  });
});

describe('the loader', () => {
  it("reports each to-do as a problem, and not the schema's complaint where a to-do stands for an id or a date", async () => {
    const dir = join(scratch, 'data');
    cpSync(DATA_DIR, dir, { recursive: true });
    const file = join(dir, 'articles', 'securnews-2024-12-27-csto.json');
    const article = JSON.parse(readFileSync(file, 'utf8')) as { quotes: { expert: string }[]; timeline: { date: string }[]; title: { en: string } };
    article.quotes[0]!.expert = todo('who said this?');
    article.timeline[0]!.date = todo('the year');
    article.title.en = todo('translate the headline');
    writeFileSync(file, JSON.stringify(article));
    const problems = await checkDataDir(dir);
    expect(problems).toEqual([
      { file: 'articles/securnews-2024-12-27-csto.json', path: '$.title.en', message: 'to do: translate the headline' },
      { file: 'articles/securnews-2024-12-27-csto.json', path: '$.quotes[0].expert', message: 'to do: who said this?' },
      { file: 'articles/securnews-2024-12-27-csto.json', path: '$.timeline[0].date', message: 'to do: the year' },
    ]);
  });

  it('finds a to-do whose marker the file writes with \\u escapes', async () => {
    const dir = join(scratch, 'escaped');
    cpSync(DATA_DIR, dir, { recursive: true });
    const file = join(dir, 'articles', 'securnews-2024-12-27-csto.json');
    const article = JSON.parse(readFileSync(file, 'utf8')) as { title: { en: string } };
    article.title.en = todo('translate the headline');
    // JSON may escape any character: "TODO:" is still a to-do when written "\u0054ODO:".
    writeFileSync(file, JSON.stringify(article).replace('"TODO:', '"\\u0054ODO:'));
    expect(readFileSync(file, 'utf8')).not.toContain('TODO:');
    const problems = await checkDataDir(dir);
    expect(problems).toEqual([{ file: 'articles/securnews-2024-12-27-csto.json', path: '$.title.en', message: 'to do: translate the headline' }]);
  });
});
