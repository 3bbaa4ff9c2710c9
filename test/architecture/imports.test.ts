// The import rules of README "How it is built", kept by the code: see
// import-rules.ts for the table and how imports are found.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import {
  ENV_RULE,
  envReadsOf,
  type Import,
  IMPORT_RULES,
  importsOf,
  layerOf,
  readSource,
  RULES,
  sourceFiles,
  type Violation,
  violationsOf,
} from './import-rules.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

const shown = (violation: Violation): string => `${violation.file}:${violation.line} imports ${violation.target}`;

const files = sourceFiles(root, ENV_RULE.scanned);
const sources = files.map((file) => ({ file, text: readSource(root, file) }));
const imports: Import[] = sources.flatMap(({ file, text }) => importsOf(file, text));
const violations = violationsOf(imports);

describe('import rules', () => {
  it('sees the code: every source file and its relative imports', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain('src/main.ts');
    expect(files.some((file) => file.startsWith('commands/'))).toBe(true);
    expect(imports.filter((i) => i.target !== undefined).length).toBeGreaterThan(300);
    expect(imports).toContainEqual(expect.objectContaining({ file: 'src/config/config.ts', target: 'src/config/settings.js' }));
  });

  for (const rule of IMPORT_RULES) {
    it(rule.says, () => {
      const broken = violations.filter((v) => v.rule === rule.says);
      expect(broken.map(shown)).toEqual([]);
    });
  }

  it(ENV_RULE.says, () => {
    const reads = sources.flatMap(({ file, text }) => envReadsOf(file, text).map((line) => ({ file, line })));
    expect(reads.filter(({ file }) => !ENV_RULE.readers.includes(layerOf(file))).map(({ file, line }) => `${file}:${line}`)).toEqual([]);
    // …and the scan does find the one reader there is.
    expect(reads.some(({ file }) => file === 'src/config/config.ts')).toBe(true);
  });
});

describe('the README says the same', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const built = readme.slice(readme.indexOf('## How it is built'));
  const map = built.slice(0, built.indexOf('\n## ', 1) === -1 ? undefined : built.indexOf('\n## ', 1));

  it('has a "How it is built" section', () => {
    expect(map.startsWith('## How it is built')).toBe(true);
  });

  it('lists exactly the rules the test checks, one line each, in its order', () => {
    const rules = map.slice(map.indexOf('What may import what'));
    const lines = rules.split('\n').filter((line) => line.startsWith('- '));
    expect(lines).toEqual([...IMPORT_RULES.map((rule) => rule.says), ENV_RULE.says].map((says) => `- ${says}`));
  });

  it('lists every folder of the repository and of src/', () => {
    // src/ itself is listed folder by folder.
    const ignored = new Set(['src', 'node_modules', 'dist', 'var', 'coverage']);
    const top = readdirSync(root, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && !ignored.has(entry.name))
      .map((entry) => `${entry.name}/`);
    const src = readdirSync(new URL('../../src', import.meta.url), { withFileTypes: true }).map((entry) =>
      entry.isDirectory() ? `src/${entry.name}/` : `src/${entry.name}`,
    );
    expect([...top, ...src].filter((name) => !new RegExp(`(^|\\s)${name.replace('.', '\\.')}(\\s|$)`, 'm').test(map))).toEqual([]);
  });
});

describe('the rule scanner (on made-up files, so it cannot pass by finding nothing)', () => {
  it('finds every kind of import, type-only and dynamic included', () => {
    const text = [
      "import { a } from './a.js';",
      "import type { B } from '../b/b.js';",
      "import './side-effect.js';",
      "export { c } from './c.js';",
      "export * from 'zod';",
      "export type { D } from '../d/index.js';",
      "const e = await import('../e/e.js');",
      "type F = import('../f/f.js').F;",
      "// import { g } from '../g/g.js';",
      'const h = \'import("../h/h.js")\';',
    ].join('\n');
    expect(importsOf('src/x/file.ts', text).map((i) => [i.specifier, i.target, i.line])).toEqual([
      ['./a.js', 'src/x/a.js', 1],
      ['../b/b.js', 'src/b/b.js', 2],
      ['./side-effect.js', 'src/x/side-effect.js', 3],
      ['./c.js', 'src/x/c.js', 4],
      ['zod', undefined, 5],
      ['../d/index.js', 'src/d/index.js', 6],
      ['../e/e.js', 'src/e/e.js', 7],
      ['../f/f.js', 'src/f/f.js', 8],
    ]);
  });

  it('names the layer of a path', () => {
    expect(['src/render/text.ts', 'src/main.js', 'src/main.ts', 'commands/alerts/add.ts', 'test/x/y.ts', 'src/store'].map(layerOf)).toEqual([
      'src/render',
      'src/main.ts',
      'src/main.ts',
      'commands',
      'test',
      'src/store',
    ]);
  });

  const check = (file: string, specifier: string): string[] =>
    violationsOf(importsOf(file, `import type { X } from '${specifier}';`)).map((v) => v.rule);

  it('reports an import each rule forbids', () => {
    expect(check('src/interactions/command.ts', '../alerts/subscriptions.js')).toEqual([RULES.dispatcher.says]);
    expect(check('src/interactions/respond.ts', '../discord/discord-lookups.js')).toEqual([RULES.dispatcher.says]);
    expect(check('src/interactions/respond.ts', '../transport/deadline.js')).toEqual([RULES.dispatcher.says]);
    expect(check('src/interactions/respond.ts', '../main.js')).toContain(RULES.dispatcher.says);
    expect(check('commands/alerts/add.ts', '../../src/store/store.js')).toEqual([RULES.pureLayers.says]);
    expect(check('src/knowledge/load.ts', '../config/config.js')).toEqual([RULES.pureLayers.says]);
    expect(check('src/i18n/t.ts', '../main.js')).toEqual([RULES.pureLayers.says]);
    expect(check('src/render/paging.ts', '../interactions/reply.js')).toEqual([RULES.renderBelowDispatcher.says]);
    expect(check('src/gateway/gateway-bot.ts', '../http/signature.js')).toEqual([RULES.adaptersApart.says]);
    expect(check('src/cli/ask.ts', '../gateway/gateway-bot.js')).toEqual([RULES.adaptersApart.says]);
    expect(check('src/alerts/delivery.ts', '../../local-discord/index.js')).toEqual([RULES.noToolsInTheBot.says]);
    expect(check('commands/help.ts', '../test/support/rejection.js')).toEqual([RULES.noToolsInTheBot.says]);
    expect(violationsOf(importsOf('src/cli/main.ts', 'await import(`./${name}.js`);')).map((v) => v.rule)).toEqual([
      'every import names its module literally',
    ]);
  });

  it('lets allowed imports through', () => {
    expect(check('src/interactions/respond.ts', '../render/text.js')).toEqual([]);
    expect(check('src/interactions/respond.ts', './command.js')).toEqual([]);
    expect(check('src/interactions/respond.ts', '../../commands/index.js')).toEqual([]);
    expect(check('commands/alerts/add.ts', '../../src/alerts/subscriptions.js')).toEqual([]);
    expect(check('src/http/interactions-server.ts', '../transport/deadline.js')).toEqual([]);
    expect(check('src/cli/deploy.ts', '../config/config.js')).toEqual([]);
    expect(check('src/main.ts', './gateway/gateway-bot.js')).toEqual([]);
    expect(check('test/x.test.ts', '../src/store/index.js')).toEqual([]);
  });

  it('finds every way of reading process.env, and not its name in comments or strings', () => {
    const reads = (text: string): number => envReadsOf('x.ts', text).length;
    expect(reads('const token = process.env.DISCORD_TOKEN;')).toBe(1);
    expect(reads("const all = process['env'];")).toBe(1);
    expect(reads('const { env } = process;')).toBe(1);
    expect(reads('const { env: settings } = globalThis.process;')).toBe(1);
    expect(reads('const level = globalThis.process.env.LOG_LEVEL;')).toBe(1);
    expect(reads("import { env } from 'node:process';")).toBe(1);
    expect(reads("import proc from 'node:process';\nproc.env.X;")).toBe(1);
    expect(reads("import * as p from 'process';\np.env.X;")).toBe(1);
    expect(reads("// process.env is read in src/config\nconst s = 'process.env';\nprocess.exitCode = 1;")).toBe(0);
  });
});
