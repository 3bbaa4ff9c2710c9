// The worker of news-preload.ts: opens the store, reads every news change, checks
// each stored item as news-sync.ts would, orders them and sends them packed.
import { parentPort, workerData } from 'node:worker_threads';

import { compareNews, type NewsCursor, newsEntry } from '../knowledge/news-index.js';
import { openStore } from '../store/open-store.js';
import type { StoreOpening } from '../store/store.js';
import { readNewsChanges } from './news-changes.js';
import type { PreloadedNews, PreloadMessage } from './news-preload.js';
import { checkStoredNews } from './news-record.js';

interface Read extends NewsCursor {
  id: string;
  text: string;
  about: readonly string[];
}

async function preload({ target, ...options }: StoreOpening): Promise<PreloadedNews> {
  const store = await openStore(target, options);
  try {
    const { latest, to } = await readNewsChanges(store, 0);
    const reads: Read[] = [];
    const malformed: string[] = [];
    for (const change of latest.values()) {
      if (change.item === undefined) continue;
      const checked = checkStoredNews(change.id, change.item);
      if (checked === undefined) {
        malformed.push(change.id.slice(0, 200));
        continue;
      }
      // An item stored with more than its fields is kept as its fields.
      const text = checked.exact ? change.item : JSON.stringify(checked.item);
      const { at, key, about } = newsEntry(change.at, checked.item);
      reads.push({ id: change.id, at, key, text, about });
    }
    reads.sort(compareNews);
    return { seq: to, malformed, ...packed(reads) };
  } finally {
    await store.close();
  }
}

function packed(reads: readonly Read[]): Omit<PreloadedNews, 'seq' | 'malformed'> {
  const aboutIds: string[] = [];
  const refOf = new Map<string, number>();
  const aboutStarts = new Int32Array(reads.length + 1);
  const refs: number[] = [];
  reads.forEach((read, i) => {
    for (const id of read.about) {
      let ref = refOf.get(id);
      if (ref === undefined) refOf.set(id, (ref = aboutIds.push(id) - 1));
      refs.push(ref);
    }
    aboutStarts[i + 1] = refs.length;
  });
  return {
    ids: reads.map((read) => read.id),
    texts: reads.map((read) => read.text),
    at: Float64Array.from(reads, (read) => read.at),
    keys: reads.map((read) => read.key),
    aboutIds,
    aboutStarts,
    aboutRefs: Int32Array.from(refs),
  };
}

const port = parentPort;
if (port) {
  preload(workerData as StoreOpening).then(
    (news) =>
      port.postMessage({ ok: true, news } satisfies PreloadMessage, [
        news.at.buffer,
        news.aboutStarts.buffer,
        news.aboutRefs.buffer,
      ] as ArrayBuffer[]),
    (error: unknown) => port.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) } satisfies PreloadMessage),
  );
}
