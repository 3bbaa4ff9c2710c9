// Where the bot's log lines go by default: stdout, written so that a broken
// stdout can never stop the bot. pino's default destination (sonic-boom)
// flushes synchronously at exit and retries every 100 ms for as long as the
// write fails: with a supervisor whose pipe reader died (EPIPE) or stopped
// reading (the pipe is full), `process.exit` never returned. Here lines go
// through process.stdout, which never blocks on a pipe (Node queues what the
// pipe does not take); a failed stdout drops lines instead of failing, and
// what waits in the queue is capped, so a reader that stopped reading costs
// bounded memory. Lines still queued at exit are lost, as the reader is gone.
import type { DestinationStream } from 'pino';

/** Enough for minutes of busy logging while a reader catches up. */
const DEFAULT_MAX_QUEUED_BYTES = 8 * 1024 * 1024;

export interface StdoutDestinationOptions {
  /** Default process.stdout. */
  stream?: NodeJS.WriteStream | NodeJS.WritableStream;
  /** Lines beyond this many queued bytes are dropped, and counted. */
  maxQueuedBytes?: number;
}

export interface StdoutDestination extends DestinationStream {
  /** Lines not written: stdout failed, or its reader fell too far behind. */
  readonly dropped: number;
}

/**
 * Resolves when what process.stdout still queues has been written, or after
 * `timeoutMs` (a reader that stopped reading), or at once when it failed: call
 * before `process.exit`, so the last lines reach a slow reader.
 */
export function stdoutFlushed(timeoutMs: number, stream: NodeJS.WriteStream = process.stdout): Promise<void> {
  if (stream.writableLength === 0 || stream.destroyed || stream.errored) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      stream.off('drain', done).off('error', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    stream.once('drain', done).once('error', done);
  });
}

export function stdoutDestination({
  stream = process.stdout,
  maxQueuedBytes = DEFAULT_MAX_QUEUED_BYTES,
}: StdoutDestinationOptions = {}): StdoutDestination {
  let failed = false;
  let dropped = 0;
  // EPIPE (the reader is gone) and any other write error: nobody is listening any more.
  stream.on('error', () => {
    failed = true;
  });
  const queued = () => (stream as Partial<NodeJS.WriteStream>).writableLength ?? 0;
  return {
    get dropped() {
      return dropped;
    },
    write(line: string) {
      if (failed || queued() > maxQueuedBytes) {
        dropped += 1;
        return;
      }
      stream.write(line);
    },
  };
}
