// Percentiles of timings, shared by the sections and the HTTP load generator
// (a module of its own, so that child does not load the dataset generator).

export interface Latency {
  p50: number;
  p99: number;
}

/** p50 and p99 of timings in milliseconds; sorts `samples` in place. 0 for none. */
export function latencyOf(samples: number[] | Float64Array): Latency {
  samples.sort((a, b) => a - b);
  const at = (q: number): number => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99) };
}

export const formatLatency = ({ p50, p99 }: Latency): string => `p50 ${(p50 * 1000).toFixed(0)} µs, p99 ${(p99 * 1000).toFixed(0)} µs`;

/** The middle one of `runs` by `key` (of an even count, the upper middle). */
export function medianBy<T>(runs: readonly T[], key: (run: T) => number): T {
  if (runs.length === 0) throw new Error('no runs to take the median of');
  return [...runs].sort((a, b) => key(a) - key(b))[Math.floor(runs.length / 2)]!;
}

/**
 * The pauses the machine itself imposes: a loop that allocates nothing reads the clock for
 * `ms` and counts the gaps between two readings longer than `threshold` ms (the host or the
 * kernel took the core). A latency figure near these says more about the machine than the code.
 */
export function machineStalls(ms = 1000, threshold = 0.5): { count: number; longest: number } {
  const end = performance.now() + ms;
  let last = performance.now();
  let count = 0;
  let longest = 0;
  while (last < end) {
    const now = performance.now();
    const gap = now - last;
    if (gap > threshold) {
      count++;
      longest = Math.max(longest, gap);
    }
    last = now;
  }
  return { count, longest };
}

export function formatStalls({ count, longest }: { count: number; longest: number }): string {
  return `a loop that allocates nothing, 1 s: ${count} gaps over 0.5 ms, the longest ${longest.toFixed(1)} ms`;
}
