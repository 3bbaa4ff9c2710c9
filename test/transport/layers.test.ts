// Folder boundaries of the transport split, counted on direct imports (type-only and dynamic
// included): the dispatcher knows nothing of transport, and the adapters (gateway, HTTP, CLI)
// never import one another.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const IMPORT = /(?:^|[\s;])(?:import|export)\s(?:[^'";]*?\sfrom\s)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(folder, file));
}

/** Every relative import of `file`, as a path from the repository root. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(IMPORT)]
    .map((match) => match[1] ?? match[2] ?? '')
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => relative(ROOT, resolve(ROOT, dirname(file), specifier)));
}

function violations(folder: string, forbidden: readonly string[]): string[] {
  return sourceFiles(folder).flatMap((file) =>
    importsOf(file)
      .filter((target) => forbidden.some((prefix) => target.startsWith(`${prefix}/`)))
      .map((target) => `${file} -> ${target}`),
  );
}

describe('transport and adapter boundaries', () => {
  it('sees the imports it checks', () => {
    expect(importsOf('src/transport/answer-in-time.ts')).toContain('src/transport/deadline.js');
    expect(importsOf('src/cli/main.ts')).toContain('src/cli/ask.js');
  });

  it('keeps the dispatcher free of transport', () => {
    expect(violations('src/interactions', ['src/transport'])).toEqual([]);
  });

  it.each([
    ['src/gateway', ['src/http', 'src/cli']],
    ['src/http', ['src/gateway', 'src/cli']],
    ['src/cli', ['src/gateway', 'src/http']],
  ])('keeps the adapter %s from importing the other adapters', (folder, others) => {
    expect(violations(folder, others)).toEqual([]);
  });
});
