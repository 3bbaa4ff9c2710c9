// A worker thread that reads a data folder's files ahead of the thread that
// validates them, and then builds the search index from the articles it read.
// On two cores this takes file reading (a third of loading) and the search
// index (a third of building) off the calling thread, which meanwhile parses,
// validates and builds every other index. The worker hands each file's text
// over as read, so every record still comes from validation on this thread;
// its search index is used only if it was made for the very articles that
// validated (create-knowledge-base.ts checks). Should the worker fail, the
// files it did not deliver are read here and the index is built here.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

import type { DataFileRead } from './data-file.js';
import { type FileList, type FileReader, readFromList } from './file-reader.js';
import type { PreparedSearch } from './search-documents.js';

export interface ReadAhead extends FileReader {
  /**
   * The search index of the articles read; undefined when the worker did not build one.
   * The worker starts on it when first asked (after validation, see read-ahead-worker.ts).
   */
  search(): Promise<PreparedSearch | undefined>;
  /** Stops the worker, if it still runs. */
  close(): void;
}

/** What the worker is sent: the files, and where it reads how far this thread got (one Int32: the next file asked for). */
export interface ReadAheadStart {
  list: FileList;
  progress: SharedArrayBuffer;
}

/** What the worker sends: file texts as read, in order, then the search index. */
export type ReadAheadMessage = { type: 'files'; start: number; reads: DataFileRead[] } | { type: 'search'; search: PreparedSearch | undefined };

/** Below this many files a worker's start-up (~50 ms) costs more than it saves. */
const MIN_FILES = 400;
/** Node runs workers from compiled JavaScript only (under a TypeScript test runner this file is .ts). */
const CAN_START_WORKERS = import.meta.url.endsWith('.js');

/** `force`: start the worker even where it would not pay off (a small folder, one core); for tests. */
export function readAhead(options: { force?: boolean } = {}): ReadAhead {
  let list: FileList | undefined;
  let worker: Worker | undefined;
  const reads: (DataFileRead | undefined)[] = [];
  const progress = new SharedArrayBuffer(4);
  const asked = new Int32Array(progress);
  let arrived = 0;
  let stopped = false;
  let searchAsked = false;
  let wake: (() => void) | undefined;
  let settle: (search: PreparedSearch | undefined) => void = () => undefined;
  const search = new Promise<PreparedSearch | undefined>((resolve) => (settle = resolve));

  const stop = (): void => {
    stopped = true;
    settle(undefined);
    wake?.();
  };

  return {
    begin(files) {
      list = files;
      const worthIt = files.files.length >= MIN_FILES && availableParallelism() >= 2;
      if (!CAN_START_WORKERS || !(worthIt || options.force)) {
        stop();
        return;
      }
      worker = new Worker(new URL('./read-ahead-worker.js', import.meta.url));
      worker.on('message', (message: ReadAheadMessage) => {
        if (message.type === 'search') {
          settle(message.search);
          return;
        }
        message.reads.forEach((read, i) => (reads[message.start + i] = read));
        arrived = message.start + message.reads.length;
        wake?.();
      });
      worker.on('error', stop);
      worker.on('exit', stop);
      worker.postMessage({ list: files, progress } satisfies ReadAheadStart);
    },
    async read(index) {
      if (!list) throw new Error('read before begin');
      // The worker waits when it is far enough ahead (read-ahead-worker.ts): tell it how far this thread got.
      Atomics.store(asked, 0, index);
      Atomics.notify(asked, 0);
      while (!stopped && index >= arrived) await new Promise<void>((resolve) => (wake = resolve));
      const read = reads[index];
      if (read === undefined) return readFromList(list, index);
      reads[index] = undefined;
      return read;
    },
    search() {
      if (!searchAsked) worker?.postMessage('index');
      searchAsked = true;
      return search;
    },
    close() {
      void worker?.terminate();
    },
  };
}
