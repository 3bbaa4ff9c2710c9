// The first read of the store's news, in a worker thread while this one loads the
// data folder: reading, checking and ordering 100,000 stored items is a second of
// work that would otherwise come after the knowledge base, before the bot is ready.
// The worker opens the store itself (SQLite or Redis, as configured) and hands over,
// per item, its stored text and what the index needs (time, key, the ids it is
// about); news-sync.ts makes entries of them that parse their text when first shown.
import { Worker } from 'node:worker_threads';

import type { NewsEntry, NewsItem } from '../knowledge/news-index.js';
import type { StoreOpening } from '../store/store.js';

/** Every stored news item as of change `seq`, newest first. */
export interface PreloadedNews {
  seq: number;
  ids: string[];
  /** Each item's stored text, holding exactly the item (checked by news-record.ts). */
  texts: string[];
  at: Float64Array;
  keys: string[];
  /** Item i is about aboutIds[aboutRefs[j]] for j in aboutStarts[i] … aboutStarts[i + 1]. */
  aboutIds: string[];
  aboutStarts: Int32Array;
  aboutRefs: Int32Array;
  /** Ids of stored items that are malformed, skipped. */
  malformed: string[];
}

export type PreloadMessage = { ok: true; news: PreloadedNews } | { ok: false; error: string };

/** Node runs workers from compiled JavaScript only (under a TypeScript test runner this file is .ts). */
const CAN_START_WORKERS = import.meta.url.endsWith('.js');

export interface NewsPreload {
  /** The news, or why the worker could not read them (the caller then reads on its own thread, and says why). */
  result: Promise<PreloadMessage>;
  /** Stops the worker if it still runs (a start-up that failed meanwhile). */
  stop(): void;
}

/** Starts the read; undefined where no worker can run, or for a store only this process can see (SQLite in memory). */
export function preloadNews(store: StoreOpening): NewsPreload | undefined {
  if (!CAN_START_WORKERS || (store.target.kind === 'sqlite' && store.target.path === ':memory:')) return undefined;
  const worker = new Worker(new URL('./news-preload-worker.js', import.meta.url), { workerData: store });
  const result = new Promise<PreloadMessage>((resolve) => {
    worker.once('message', (message: PreloadMessage) => {
      resolve(message);
      void worker.terminate();
    });
    worker.once('error', (error) => resolve({ ok: false, error: String(error) }));
    worker.once('exit', (code) => resolve({ ok: false, error: `the worker stopped (exit code ${code})` }));
  });
  return { result, stop: () => void worker.terminate() };
}

/** The preloaded items as entries, newest first: entry i is the item news.ids[i]. */
export function preloadedEntries(news: PreloadedNews): NewsEntry[] {
  const { aboutIds, aboutStarts, aboutRefs } = news;
  const entries = new Array<NewsEntry>(news.ids.length);
  for (let i = 0; i < entries.length; i++) {
    const about: string[] = [];
    for (let j = aboutStarts[i]!; j < aboutStarts[i + 1]!; j++) about.push(aboutIds[aboutRefs[j]!]!);
    entries[i] = new StoredNewsEntry(news.at[i]!, news.keys[i]!, about, news.texts[i]!);
  }
  return entries;
}

/** An entry whose item is parsed from its stored text when first read: most stored items are never shown. */
class StoredNewsEntry implements NewsEntry {
  #text: string | undefined;
  #item: NewsItem | undefined;

  constructor(
    readonly at: number,
    readonly key: string,
    readonly about: readonly string[],
    text: string,
  ) {
    this.#text = text;
  }

  get item(): NewsItem {
    if (this.#item === undefined) {
      this.#item = JSON.parse(this.#text!) as NewsItem;
      this.#text = undefined;
    }
    return this.#item;
  }
}
