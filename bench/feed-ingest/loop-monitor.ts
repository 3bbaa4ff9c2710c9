// Loaded into the bot process with NODE_OPTIONS=--import (the bot itself carries no
// benchmark code): every 50 ms it records the longest event-loop delay of the window
// (perf_hooks.monitorEventLoopDelay), and at exit writes the series to the file named
// by BENCH_LOOP_DELAY_FILE, for feed-ingest.ts to cut to the ingest's time span.
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface LoopWindow {
  /** End of the window, ms since the epoch. */
  at: number;
  /** Longest delay in the window, ms. */
  maxMs: number;
}

const file = process.env.BENCH_LOOP_DELAY_FILE;
if (file !== undefined) {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const windows: LoopWindow[] = [];
  setInterval(() => {
    windows.push({ at: Date.now(), maxMs: histogram.max / 1e6 });
    histogram.reset();
  }, 50).unref();
  process.on('exit', () => {
    windows.push({ at: Date.now(), maxMs: histogram.max / 1e6 });
    writeFileSync(file, JSON.stringify(windows));
  });
}
