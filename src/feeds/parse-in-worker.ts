// Decoding and parsing a feed on a worker thread. feedsmith parses synchronously: a
// feed of tens of thousands of short items under the 5 MiB cap takes seconds on a busy
// small machine (measured: 20,000 items, 3.7 MB, 2.3 s; 30,000 items, 3.85 MiB, 2.0 s;
// decoding 70 ms more), all of which an interaction would wait. On a worker thread the
// main thread pays only for starting it (~35 ms), copying the bytes there (a few ms) and taking the items back, a thousand per
// message (received in one piece, 30,000 items blocked it for 100–300 ms).
// Needs the compiled worker next to this module (dist/src/feeds/parse-worker.js).
import { Worker } from 'node:worker_threads';

import { FeedError } from './feed-error.js';
import type { ReadFeedStep } from './feed-poller.js';
import type { FeedItem } from './parse-feed.js';
import type { ParseAnswer, ParseRequest } from './parse-worker.js';

const WORKER = new URL('./parse-worker.js', import.meta.url);

/** decodeFeed and parseFeed, run on a worker thread of its own; rejects with the FeedError they threw. */
export const readFeedInWorker: ReadFeedStep = (bytes, contentType, options) =>
  new Promise((resolve, reject) => {
    let answered = false;
    const items: FeedItem[] = [];
    const workerData: ParseRequest = { bytes, contentType, options };
    // Copied, not transferred: the bytes may share a pooled buffer with other Buffers.
    const worker = new Worker(WORKER, { workerData });
    worker.on('message', (answer: ParseAnswer) => {
      if (answer.kind === 'items') {
        items.push(...answer.items);
        // The next slice after whatever else is waiting on this thread.
        setImmediate(() => worker.postMessage('next'));
        return;
      }
      answered = true;
      // The thread waits for more 'next's; it has nothing more to say.
      void worker.terminate();
      if (answer.kind === 'done') {
        resolve(answer.language === undefined ? { title: answer.title, items } : { title: answer.title, language: answer.language, items });
        return;
      }
      const { name, message, kind, status } = answer.error;
      if (kind !== undefined) {
        reject(new FeedError(kind, message, status === undefined ? undefined : { status }));
        return;
      }
      const error = new Error(message);
      error.name = name;
      reject(error);
    });
    worker.once('error', (error) => {
      answered = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the feed parser thread exited with code ${code} without an answer`));
    });
  });
