// A data folder to a knowledge base ready to answer: loaded, validated and
// indexed, with a worker reading ahead and building the search index where
// that pays off (read-ahead.ts). What every process serving answers uses.
import { buildKnowledgeBase } from './create-knowledge-base.js';
import type { KnowledgeBase } from './knowledge-base.js';
import { type DataProblem, loadDataset } from './load.js';
import { readAhead } from './read-ahead.js';

export type KnowledgeBaseResult = { ok: true; kb: KnowledgeBase } | { ok: false; problems: DataProblem[] };

export async function loadKnowledgeBase(dir: string, options: { forceReadAhead?: boolean } = {}): Promise<KnowledgeBaseResult> {
  const reader = readAhead({ force: options.forceReadAhead });
  try {
    const loaded = await loadDataset(dir, { reader });
    if (!loaded.ok) return loaded;
    return { ok: true, kb: await buildKnowledgeBase(loaded.dataset, reader.search()) };
  } finally {
    reader.close();
  }
}
