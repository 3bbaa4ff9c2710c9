// Child process of bench/knowledge.ts: loads and indexes a data folder in a fresh
// process, so its peak memory is the knowledge base's alone. Prints one JSON line.
import { loadDataset } from '../src/knowledge/load.js';
import { createKnowledgeBase } from '../src/knowledge/create-knowledge-base.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: knowledge-load-child <data dir>');
const started = performance.now();
const result = await loadDataset(dir);
const loaded = performance.now();
if (!result.ok) throw new Error(`generated data has ${result.problems.length} problems`);
const kb = createKnowledgeBase(result.dataset);
const built = performance.now();
const memory = process.memoryUsage();
process.stdout.write(
  `${JSON.stringify({
    articles: kb.articles.length,
    loadMs: loaded - started,
    buildMs: built - loaded,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    heapUsedMb: memory.heapUsed / 1024 / 1024,
  })}\n`,
);
