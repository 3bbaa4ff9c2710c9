// Child process of bench/knowledge.ts: loads and indexes a data folder in a fresh
// process, so its peak memory is the knowledge base's alone. Prints one JSON line.
// Without a worker count, loadDataset picks one (one per idle core).
// Run with --expose-gc: the heap figure is then what stays, not garbage awaiting collection.
import { createKnowledgeBase } from '../src/knowledge/create-knowledge-base.js';
import { loadDataset } from '../src/knowledge/load.js';

const [dir, workers] = process.argv.slice(2);
if (!dir) throw new Error('usage: knowledge-load-child <data dir> [worker threads]');
const cpuStart = process.cpuUsage();
const started = performance.now();
const result = await loadDataset(dir, workers === undefined ? {} : { workers: Number(workers) });
const loaded = performance.now();
if (!result.ok) throw new Error(`generated data has ${result.problems.length} problems`);
const kb = createKnowledgeBase(result.dataset);
const built = performance.now();
const cpu = process.cpuUsage(cpuStart);
(globalThis as { gc?: () => void }).gc?.();
const memory = process.memoryUsage();
process.stdout.write(
  `${JSON.stringify({
    loadMs: loaded - started,
    buildMs: built - loaded,
    /** CPU time of load and build together (all threads, so GC helpers count too). */
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    heapUsedMb: memory.heapUsed / 1024 / 1024,
    // Read after the collection, so the knowledge base counts as live.
    articles: kb.articles.length,
  })}\n`,
);
