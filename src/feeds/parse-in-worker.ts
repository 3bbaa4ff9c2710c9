// Parsing a feed on a worker thread. feedsmith parses synchronously: a 5 MiB feed of
// short items (~28,000) takes seconds on a busy small machine (measured: 20,000
// items, 3.7 MB, 2.3 s), all of which an interaction would wait. On a worker thread
// the main thread pays only for copying the text there and the items back.
// Needs the compiled worker next to this module (dist/src/feeds/parse-worker.js).
import { Worker } from 'node:worker_threads';

import { FeedError } from './feed-error.js';
import type { ParsedFeed, ParseFeedOptions } from './parse-feed.js';
import type { ParseAnswer, ParseRequest } from './parse-worker.js';

const WORKER = new URL('./parse-worker.js', import.meta.url);

/** parseFeed, run on a worker thread of its own; rejects with the FeedError parseFeed threw. */
export function parseFeedInWorker(text: string, options: ParseFeedOptions): Promise<ParsedFeed> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const workerData: ParseRequest = { text, options };
    const worker = new Worker(WORKER, { workerData });
    worker.once('message', (answer: ParseAnswer) => {
      answered = true;
      if (answer.ok) {
        resolve(answer.feed);
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
}
