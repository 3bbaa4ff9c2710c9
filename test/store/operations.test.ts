// Every store operation module has its own test file that runs on both backends
// (src/store/README.md, "How to add a store operation"), so none is tested on one only.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

const OPERATIONS = join(import.meta.dirname, '../../src/store/operations');

describe('store operations', () => {
  const modules = readdirSync(OPERATIONS)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => file.slice(0, -'.ts'.length));

  it.each(modules)('%s has test/store/<name>.test.ts declared with describeEachBackend', (name) => {
    const testFile = join(import.meta.dirname, `${name}.test.ts`);
    expect(existsSync(testFile), `${testFile} is missing`).toBe(true);
    expect(readFileSync(testFile, 'utf8')).toMatch(/describeEachBackend\(/);
  });
});
