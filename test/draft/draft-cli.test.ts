// `lagebild draft` and `lagebild check --todo` as a curator runs them (the built
// CLI, spawned): bad input gets a clear message or a sparse draft, never a crash,
// and what is printed always parses as JSON; a draft's to-dos keep it out of
// `check` and `publish` until they are done.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { DATA_DIR, REPO_ROOT } from '../../scripts/bot-process.js';
import { readArticleText } from '../../src/draft/input-text.js';

const SEED = join(REPO_ROOT, 'test', 'fixtures', 'seed', 'securnews-2024-12-27-csto.txt');
const OPTIONS = ['--id', 'curator-2025-01-31-test', '--date', '2025-01-31', '--publisher', 'curator'];

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ['bin/lagebild.js', ...args], { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const scratch = mkdtempSync(join(tmpdir(), 'lagebild-draft-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

interface Printed {
  article: { paragraphCount: number; entities: string[]; notes: { en: string }[]; language: string };
  entities: unknown[];
}

describe('lagebild draft: bad input', () => {
  it.each([
    ['an empty file', '', /is empty/],
    ['a file of blank lines', '\n  \n\t\n', /is empty/],
    ['a binary file', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0xff, 0xfe]), /not UTF-8 text|binary/],
    ['UTF-8 with NUL bytes', 'Der Text\u0000\u0000 geht weiter', /binary/],
    ['a 5 MB text', 'Putin sagte am Montag, die OVKS sei stark. '.repeat(120_000), /too large/],
  ])('%s: a message naming the file, exit 1, nothing on stdout', (name, content, message) => {
    const path = file(`${name.replace(/\W+/g, '-')}.txt`, content);
    const { code, stdout, stderr } = cli('draft', path, ...OPTIONS);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(path);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('text in another language: a sparse draft that parses, with a to-do saying so', () => {
    const path = file(
      'french.txt',
      'Le président a déclaré lundi que les négociations continueraient.\nLes ministres se réuniront la semaine prochaine à Bruxelles.\n',
    );
    const { code, stdout } = cli('draft', path, ...OPTIONS);
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as Printed;
    expect(printed.article.paragraphCount).toBe(2);
    expect(printed.article.notes.some((note) => /neither German nor English/.test(note.en))).toBe(true);
  });

  it('a byte order mark and mixed line endings: the same draft as the clean text', () => {
    const clean = readFileSync(SEED, 'utf8');
    const lines = clean.split('\n');
    const mixed = `\uFEFF${lines.map((line, i) => line + (i % 3 === 0 ? '\r\n' : i % 3 === 1 ? '\r' : '\n')).join('')}`;
    const fromClean = cli('draft', SEED, ...OPTIONS, '--written', '2023-05');
    const fromMixed = cli('draft', file('mixed.txt', mixed), ...OPTIONS, '--written', '2023-05');
    expect(fromMixed.code).toBe(0);
    expect(JSON.parse(fromMixed.stdout)).toEqual(JSON.parse(fromClean.stdout));
  });

  it('reads a BOM-only file as empty', () => {
    expect(readArticleText(new TextEncoder().encode('\uFEFF\r\n'))).toEqual({ ok: false, message: expect.stringMatching(/is empty/) as unknown });
  });

  it.each([
    [['draft']],
    [['draft', SEED]],
    [['draft', SEED, ...OPTIONS, '--language', 'fr']],
    [['draft', SEED, '--id', 'Not A Slug', '--date', '2025-01-31', '--publisher', 'x']],
    [['draft', SEED, ...OPTIONS.slice(0, 2), '--date', '2025-02-30', '--publisher', 'x']],
    [['draft', SEED, ...OPTIONS, '--written', '2026-01']],
    [['check', '--todo']],
  ])('usage error %j: exit 2 with the usage', (args) => {
    const { code, stderr } = cli(...args);
    expect(code).toBe(2);
    expect(stderr).toContain('Usage:');
  });
});

describe('the curator workflow: draft, to-dos, check, publish', () => {
  const out = join(scratch, 'drafts');
  const articleFile = join(out, 'articles', 'curator-2025-01-31-test.json');
  const entitiesFile = join(out, 'entities', 'curator-2025-01-31-test.draft.json');

  it('--out writes the article and the entity drafts, and will not overwrite them', () => {
    const first = cli('draft', SEED, ...OPTIONS, '--written', '2023-05', '--out', out);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(articleFile);
    expect(JSON.parse(readFileSync(articleFile, 'utf8'))).toMatchObject({ id: 'curator-2025-01-31-test', paragraphCount: 84 });
    expect(Array.isArray(JSON.parse(readFileSync(entitiesFile, 'utf8')))).toBe(true);
    const again = cli('draft', SEED, ...OPTIONS, '--out', out);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/exists already/);
  });

  it('check --todo lists every to-do as "file: path: to do: …"', () => {
    const { code, stdout } = cli('check', '--todo', articleFile);
    expect(code).toBe(1);
    const lines = stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(line.startsWith(`${articleFile}: $`)).toBe(true);
    for (const line of lines) expect(line).toMatch(/: to do: \S/);
    expect(stdout).toMatch(/\$\.title\.en: to do: translate into English/);
  });

  it('check reports the to-dos of a draft in a data folder, and publish refuses the draft', () => {
    const data = join(scratch, 'data');
    cpSync(DATA_DIR, data, { recursive: true });
    mkdirSync(join(data, 'entities'), { recursive: true });
    cpSync(entitiesFile, join(data, 'entities', 'curator-2025-01-31-test.draft.json'));
    const checked = cli('check', data);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toMatch(/^entities\/curator-2025-01-31-test\.draft\.json: \$\[\d+\]\S*: to do: /m);
    rmSync(join(data, 'entities', 'curator-2025-01-31-test.draft.json'));

    const published = cli('publish', articleFile, '--data', data);
    expect(published.code).toBe(1);
    expect(published.stdout).toMatch(/: \$\.summary\[0\]\.text\.en: to do: /);
    expect(published.stderr).toMatch(/nothing was copied/);
  });

  it('check --todo says when a file has none left', () => {
    const done = file('done.json', '{"id": "x", "notes": [{"de": "fertig", "en": "done"}]}');
    expect(cli('check', '--todo', done)).toMatchObject({ code: 0, stdout: `OK: ${done} has no to-dos\n` });
  });
});
