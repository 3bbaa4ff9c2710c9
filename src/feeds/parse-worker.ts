// The body of the worker thread parse-in-worker.ts starts: decodes and parses one feed
// and posts the items back, a slice per message, the next one only when the main thread
// asks for it (Node delivers every queued message in one turn of the receiving event
// loop, so slices sent at once would arrive at once), or what went wrong. Imported for its types only;
// run as a Worker.
import { parentPort, workerData } from 'node:worker_threads';

import { decodeFeed } from './decode-feed.js';
import { FeedError } from './feed-error.js';
import { type FeedItem, parseFeed, type ParseFeedOptions } from './parse-feed.js';

/** Items per message: taking in 1,000 short items takes the main thread a few ms. */
export const ITEMS_PER_MESSAGE = 1000;

export interface ParseRequest {
  bytes: Uint8Array;
  contentType: string | undefined;
  options: ParseFeedOptions;
}

export type ParseAnswer =
  | { kind: 'items'; items: FeedItem[] }
  /** After the last slice of items. */
  | { kind: 'done'; title: string; language: string | undefined }
  | { kind: 'failed'; error: { name: string; message: string; kind?: FeedError['kind']; status?: number | undefined } };

const { bytes, contentType, options } = workerData as ParseRequest;
const post = (answer: ParseAnswer) => parentPort?.postMessage(answer);
// After the last answer ('done' or 'failed') the main thread ends this thread.
const finish = post;
try {
  const feed = parseFeed(decodeFeed(bytes, contentType).text, options);
  let start = 0;
  const next = () => {
    if (start >= feed.items.length) {
      finish({ kind: 'done', title: feed.title, language: feed.language });
      return;
    }
    post({ kind: 'items', items: feed.items.slice(start, start + ITEMS_PER_MESSAGE) });
    start += ITEMS_PER_MESSAGE;
  };
  // Each 'next' from the main thread asks for the following slice.
  parentPort?.on('message', next);
  next();
} catch (error) {
  finish(
    error instanceof FeedError
      ? { kind: 'failed', error: { name: error.name, message: error.message, kind: error.kind, status: error.status } }
      : {
          kind: 'failed',
          error: { name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) },
        },
  );
}
