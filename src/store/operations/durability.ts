// What the store's server would keep of the bot's state, for a warning at start.
//   SQLite: the file is the state; nothing to ask.
//   Redis:  CONFIG GET appendonly, save and maxmemory-policy (read-only); a server
//           that refuses CONFIG (renamed or disabled, as managed services do) tells nothing.
import type { StoreOperation } from '../backend.js';

/** Ways the server would lose or drop state; empty when it would keep it, or when it cannot tell. */
export type DurabilityRisk = 'not-persisted' | 'snapshots-only' | 'evicts-keys';

/** The risks a Redis configuration implies. */
export function redisRisks(config: Readonly<Record<string, string | undefined>>): DurabilityRisk[] {
  const risks: DurabilityRisk[] = [];
  const appendOnly = config.appendonly;
  const save = config.save;
  if (appendOnly === 'no' && save !== undefined) risks.push(save.trim() === '' ? 'not-persisted' : 'snapshots-only');
  const policy = config['maxmemory-policy'];
  if (policy !== undefined && policy !== 'noeviction') risks.push('evicts-keys');
  return risks;
}

export function durabilityRisks(): StoreOperation<DurabilityRisk[]> {
  return {
    sqlite: () => [],
    redis: async ({ client }) => {
      const config: Record<string, string | undefined> = {};
      for (const name of ['appendonly', 'save', 'maxmemory-policy']) {
        try {
          Object.assign(config, await client.configGet(name));
        } catch {
          // CONFIG refused: this setting is unknown, and so is what it implies.
        }
      }
      return redisRisks(config);
    },
  };
}
