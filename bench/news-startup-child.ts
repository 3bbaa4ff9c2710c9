// Child process of bench/news.ts: starts up as the bot does (src/app/build-context.ts),
// in a fresh process so that nothing of the benchmark's own heap slows it: the data
// folder loads, then the store's news is read (reading it meanwhile was slower: on
// SQLite both are work for this thread). Prints one JSON line: milliseconds and
// resident memory.
import { loadKnowledgeBase } from '../src/knowledge/load-knowledge-base.js';
import { createNewsSync } from '../src/news/news-sync.js';
import { openStore } from '../src/store/open-store.js';

const [dataDir, storeUrl] = process.argv.slice(2);
if (!dataDir || !storeUrl) throw new Error('usage: news-startup-child <data dir> <store URL>');
const quiet = { warn: () => undefined, info: () => undefined };

const started = performance.now();
const store = await openStore(storeUrl);
const loaded = await loadKnowledgeBase(dataDir);
if (!loaded.ok) throw new Error('generated data has problems');
const kbReady = performance.now();
const news = await createNewsSync(store, quiet).refresh();
const ready = performance.now();
process.stdout.write(
  `${JSON.stringify({
    readyMs: ready - started,
    knowledgeMs: kbReady - started,
    items: news.size,
    rssMb: process.memoryUsage().rss / 2 ** 20,
    articles: loaded.kb.articles.length,
  })}\n`,
);
await store.close();
