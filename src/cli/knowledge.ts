// Loads the knowledge base once per CLI run, from --data or the package's data/.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { formatProblem } from '../knowledge/load.js';
import { loadKnowledgeBase } from '../knowledge/load-knowledge-base.js';
import { DataError } from './data-error.js';

/** The data folder next to the nearest package.json above this file (works from src/ and dist/). */
export function defaultDataDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'data');
}

/** The knowledge base of `dir`; a DataError listing the problems when the data is invalid. */
export async function loadKnowledge(dir: string | undefined): Promise<KnowledgeBase> {
  const path = resolve(dir ?? defaultDataDir());
  const result = await loadKnowledgeBase(path);
  if (!result.ok) throw new DataError(`the data in ${path} has problems:\n${result.problems.map(formatProblem).join('\n')}`);
  return result.kb;
}
