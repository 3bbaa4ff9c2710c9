// Each process's news index: a snapshot commands read without waiting (like the
// knowledge base), made again from what changed in the store since the last read.
// Every process syncs every few seconds, so an item any process stored is answered
// by all of them within that time; the process that stored it syncs at once.
import { EMPTY_NEWS, type NewsEntry, newsEntry, type NewsIndex, withNewsChanges } from '../knowledge/news-index.js';
import type { Store } from '../store/store.js';
import { readNewsChanges } from './news-changes.js';
import { preloadedEntries, type PreloadedNews } from './news-preload.js';
import { checkStoredNews } from './news-record.js';

/** How often a process reads the store's changes: well inside the 10 s within which every process must answer alike. */
export const NEWS_SYNC_MS = 2000;

export interface NewsSyncLog {
  warn(fields: object, message: string): void;
  info(fields: object, message: string): void;
}

export interface NewsSync {
  /** The latest snapshot. */
  current(): NewsIndex;
  /** Reads what changed since the last read (after any read in progress), and resolves with the new snapshot. */
  refresh(): Promise<NewsIndex>;
  /** Refreshes every `intervalMs` until the returned function is called. */
  start(intervalMs?: number): () => void;
  /**
   * Takes a first read made elsewhere (news-preload.ts) as its own; refresh() reads on
   * from where it ended. False, and nothing taken, once this sync has read itself.
   */
  adopt(news: PreloadedNews): boolean;
}

export function createNewsSync(store: Store, log: NewsSyncLog): NewsSync {
  let index: NewsIndex = EMPTY_NEWS;
  let seq = 0;
  const byId = new Map<string, NewsEntry>();
  let chain: Promise<NewsIndex> = Promise.resolve(index);
  let failing = false;
  let hasRead = false;

  const skipMalformed = (id: string): void => log.warn({ newsItem: id.slice(0, 200) }, 'stored news item is malformed; skipped');
  // Removals this process never saw are gone from the log: everything there is gets read again.
  const onRestart = (purgedThrough: number): void =>
    log.info({ syncedTo: seq, purgedThrough }, 'news index was out of sync for longer than removals are kept; reading all news again');

  async function sync(): Promise<NewsIndex> {
    const { latest: changes, to, restart } = await readNewsChanges(store, seq, onRestart);
    if (restart) {
      byId.clear();
      index = EMPTY_NEWS;
    }
    seq = to;
    if (changes.size === 0) return index;
    const removed: NewsEntry[] = [];
    const added: NewsEntry[] = [];
    for (const change of changes.values()) {
      const old = byId.get(change.id);
      if (old !== undefined) {
        removed.push(old);
        byId.delete(change.id);
      }
      if (change.item === undefined) continue;
      const item = checkStoredNews(change.id, change.item)?.item;
      if (item === undefined) {
        skipMalformed(change.id);
        continue;
      }
      const entry = newsEntry(change.at, item);
      byId.set(change.id, entry);
      added.push(entry);
    }
    index = withNewsChanges(index, removed, added, seq);
    return index;
  }

  function refresh(): Promise<NewsIndex> {
    hasRead = true;
    chain = chain.then(sync, sync);
    return chain;
  }

  return {
    current: () => index,
    refresh,
    adopt(news) {
      if (hasRead) return false;
      hasRead = true;
      news.malformed.forEach(skipMalformed);
      const entries = preloadedEntries(news);
      entries.forEach((entry, i) => byId.set(news.ids[i]!, entry));
      seq = news.seq;
      index = withNewsChanges(EMPTY_NEWS, [], entries, seq);
      return true;
    },
    start(intervalMs = NEWS_SYNC_MS) {
      const timer = setInterval(() => {
        refresh().then(
          () => {
            if (failing) log.info({}, 'news index in sync with the store again');
            failing = false;
          },
          (error: unknown) => {
            // Once per outage: the health check and the store's own log say the rest.
            if (!failing) log.warn({ err: error }, 'news index could not read the store; answering from the last snapshot');
            failing = true;
          },
        );
      }, intervalMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}
