// Reading the store's log of news changes page by page: what a process's news index
// (news-sync.ts) and the first read in a worker (news-preload-worker.ts) both do.
import type { RawNewsChange, Store } from '../store/store.js';

/** Changes read per store call. */
const PAGE = 5000;

export interface NewsChangesRead {
  /** The last change of each item, by id. */
  latest: Map<string, RawNewsChange>;
  /** The sequence number read to. */
  to: number;
  /** Removals after `after` were gone from the log: `latest` holds everything there is, from the start. */
  restart: boolean;
}

/**
 * The last change of each item after sequence number `after`; nothing is applied until all are
 * read. `onRestart` is told when the log no longer reaches back to `after` (then all is read).
 */
export async function readNewsChanges(
  store: Store,
  after: number,
  onRestart: (purgedThrough: number) => void = () => undefined,
): Promise<NewsChangesRead> {
  const latest = new Map<string, RawNewsChange>();
  let to = after;
  let restart = false;
  for (;;) {
    const { changes, purgedThrough } = await store.newsChanges(to, PAGE);
    if (to > 0 && purgedThrough > to) {
      onRestart(purgedThrough);
      restart = true;
      to = 0;
      latest.clear();
      continue;
    }
    for (const change of changes) {
      latest.set(change.id, change);
      to = change.seq;
    }
    if (changes.length < PAGE) return { latest, to, restart };
  }
}
