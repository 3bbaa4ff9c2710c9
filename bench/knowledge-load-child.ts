// Child process of bench/knowledge.ts: loads and indexes a data folder in a fresh
// process, so its peak memory is the knowledge base's alone. Prints one JSON line.
// `read-ahead`: as the bot loads (a worker reads the files and builds the search
// index while this thread validates, see read-ahead.ts); `in-thread`: all on this thread.
// Run with --expose-gc: the heap figure is then what stays, not garbage awaiting collection.
import { buildKnowledgeBase, createKnowledgeBase } from '../src/knowledge/create-knowledge-base.js';
import { loadDataset } from '../src/knowledge/load.js';
import { readAhead } from '../src/knowledge/read-ahead.js';

const [dir, mode] = process.argv.slice(2);
if (!dir || (mode !== 'read-ahead' && mode !== 'in-thread')) throw new Error('usage: knowledge-load-child <data dir> read-ahead|in-thread');
const cpuStart = process.cpuUsage();
const started = performance.now();
const reader = mode === 'read-ahead' ? readAhead() : undefined;
const result = await loadDataset(dir, { reader });
const loaded = performance.now();
if (!result.ok) throw new Error(`generated data has ${result.problems.length} problems`);
const kb = reader ? await buildKnowledgeBase(result.dataset, reader.search()) : createKnowledgeBase(result.dataset);
reader?.close();
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
