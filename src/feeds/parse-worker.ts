// The body of the worker thread parse-in-worker.ts starts: parses one feed and posts
// the items back, or what went wrong. Not imported by anything; run as a Worker only.
import { parentPort, workerData } from 'node:worker_threads';

import { FeedError } from './feed-error.js';
import { parseFeed, type ParseFeedOptions } from './parse-feed.js';

export interface ParseRequest {
  text: string;
  options: ParseFeedOptions;
}

export type ParseAnswer =
  | { ok: true; feed: ReturnType<typeof parseFeed> }
  | { ok: false; error: { name: string; message: string; kind?: FeedError['kind']; status?: number | undefined } };

const { text, options } = workerData as ParseRequest;
let answer: ParseAnswer;
try {
  answer = { ok: true, feed: parseFeed(text, options) };
} catch (error) {
  answer =
    error instanceof FeedError
      ? { ok: false, error: { name: error.name, message: error.message, kind: error.kind, status: error.status } }
      : {
          ok: false,
          error: { name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) },
        };
}
parentPort?.postMessage(answer);
