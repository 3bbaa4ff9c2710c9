// Two real processes on one SQLite file: in one process better-sqlite3 runs every
// operation to completion, so only separate processes show that the IMMEDIATE
// transactions and the busy timeout keep claims, updates and leases exclusive.
// The children run the store's own code, transpiled here with TypeScript.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openStore } from '../../src/store/open-store.js';
import { uniqueSqlitePath } from './store-fixtures.js';

const SOURCE = join(import.meta.dirname, '../../src/store');
// Under node_modules so the children resolve keyv and better-sqlite3 from the project.
const BUILD = join(import.meta.dirname, `../../node_modules/.cache/lagebild-store-test-${process.pid}`);
const ROUNDS = 150;

/** What each child does once both are ready, so their work overlaps. */
const CHILD = `
const [storeUrl, dbPath, name, rounds] = process.argv.slice(1);
const { openStore } = await import(storeUrl);
const store = await openStore('sqlite:' + dbPath, { busyTimeoutMs: 10000 });
process.stdout.write('ready\\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
let wins = 0;
const claimed = [];
for (let i = 0; i < Number(rounds); i++) {
  await store.update('lists', 'appends', (list = []) => ({ value: [...list, name + '-' + i], result: undefined }));
  if (await store.setIfAbsent('claims', 'key-' + i, name)) wins++;
  for (const c of await store.claim('outbox', 60000, 1)) claimed.push(c.id);
}
await store.close();
process.stdout.write(JSON.stringify({ wins, claimed }) + '\\n');
`;

function transpileStoreTo(outDir: string): void {
  const files = readdirSync(SOURCE, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  for (const file of files) {
    const { outputText } = ts.transpileModule(readFileSync(join(SOURCE, file), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
    });
    const target = join(outDir, file.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  // Mark the folder as ESM like the project's package.json does.
  writeFileSync(join(outDir, 'package.json'), '{"type":"module"}');
}

interface ChildResult {
  wins: number;
  claimed: string[];
}

/** Starts one child per name, releases them together, and collects their results. */
async function runChildren(dbPath: string, names: string[]): Promise<ChildResult[]> {
  const storeUrl = pathToFileURL(join(BUILD, 'open-store.js')).href;
  const children = names.map((name) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD, storeUrl, dbPath, name, String(ROUNDS)], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let output = '';
    const ready = new Promise<void>((resolve) =>
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.startsWith('ready\n')) resolve();
      }),
    );
    const done = new Promise<ChildResult>((resolve, reject) =>
      child.on('exit', (code) =>
        code === 0 ? resolve(JSON.parse(output.slice('ready\n'.length)) as ChildResult) : reject(new Error(`child ${name} exited with ${code}`)),
      ),
    );
    return { child, ready, done };
  });
  await Promise.all(children.map((c) => c.ready));
  for (const { child } of children) child.stdin.end('go\n');
  return Promise.all(children.map((c) => c.done));
}

describe('sqlite: two processes on one file', () => {
  beforeAll(() => transpileStoreTo(BUILD));
  afterAll(() => rmSync(BUILD, { recursive: true, force: true }));

  it('lose no update, split every claim and every queue item between them', async () => {
    const dbPath = uniqueSqlitePath();
    const setup = await openStore(`sqlite:${dbPath}`);
    for (let i = 0; i < ROUNDS; i++) await setup.enqueue('outbox', `d${i}`, { n: i });
    await setup.close();

    const results = await runChildren(dbPath, ['a', 'b']);

    const store = await openStore(`sqlite:${dbPath}`);
    try {
      const appends = await store.namespace<string[]>('lists').get('appends');
      expect(appends).toHaveLength(2 * ROUNDS);
      expect(new Set(appends).size).toBe(2 * ROUNDS);

      expect(results.reduce((sum, r) => sum + r.wins, 0)).toBe(ROUNDS);
      const claims = store.namespace<string>('claims');
      const winners = await Promise.all(Array.from({ length: ROUNDS }, (_, i) => claims.get(`key-${i}`)));
      expect(winners.filter((w) => w === 'a')).toHaveLength(results[0]?.wins ?? -1);

      const claimedIds = results.flatMap((r) => r.claimed);
      expect(claimedIds).toHaveLength(ROUNDS);
      expect(new Set(claimedIds).size).toBe(ROUNDS);
    } finally {
      await store.close();
    }
  });
});
