// Which shards each gateway process on this machine runs (LAGEBILD_SHARD_PROCESSES > 1):
// this machine's shards split into contiguous ranges, one per process, handed down to
// each through the same settings an operator would set (worker-processes.ts).
import type { REST } from '@discordjs/rest';
import { type RESTGetAPIGatewayBotResult, Routes } from 'discord-api-types/v10';

import type { Config } from '../config/config.js';

/** `ids` in `processes` contiguous runs whose sizes differ by at most one (fewer runs when there are fewer ids). */
export function splitShards(ids: readonly number[], processes: number): number[][] {
  const runs = Math.max(1, Math.min(processes, ids.length));
  const base = Math.floor(ids.length / runs);
  const longer = ids.length % runs;
  const split: number[][] = [];
  let from = 0;
  for (let run = 0; run < runs; run++) {
    const size = base + (run < longer ? 1 : 0);
    split.push(ids.slice(from, from + size));
    from += size;
  }
  return split;
}

/** The total: the configured number, or Discord's recommendation for `auto`, asked once here so every process agrees. */
async function shardCount(config: Config, rest: REST): Promise<number> {
  const { shardCount: count } = config.gateway;
  if (count !== 'auto') return count;
  return ((await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult).shards;
}

/** The environment of each shard process: its shards, the total, and no further split. */
export async function shardProcessEnvironments(config: Config, rest: REST): Promise<Record<string, string>[]> {
  const count = await shardCount(config, rest);
  const ids = config.gateway.shardIds ?? Array.from({ length: count }, (_, id) => id);
  return splitShards(ids, config.gateway.processes).map((run) => ({
    LAGEBILD_SHARD_COUNT: String(count),
    LAGEBILD_SHARD_IDS: run.join(','),
    LAGEBILD_SHARD_PROCESSES: '1',
  }));
}
