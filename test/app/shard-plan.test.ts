// How a machine's shards are split over its shard processes (LAGEBILD_SHARD_PROCESSES).
import { describe, expect, it } from 'vitest';

import { splitShards } from '../../src/app/shard-plan.js';

describe('splitShards', () => {
  it('gives each process a contiguous run, sizes differing by at most one, every shard once', () => {
    const ids = Array.from({ length: 10 }, (_, id) => id + 4);
    const runs = splitShards(ids, 3);
    expect(runs.map((run) => run.length)).toEqual([4, 3, 3]);
    expect(runs.flat()).toEqual(ids);
    for (const run of runs) expect(run.at(-1)! - run[0]!).toBe(run.length - 1);
  });

  it('runs no process without a shard, and keeps a listed subset as it is', () => {
    expect(splitShards([0, 2], 4)).toEqual([[0], [2]]);
    expect(splitShards([5], 1)).toEqual([[5]]);
  });
});
