// What the store's server would keep (operations/durability.ts): SQLite keeps its file;
// Redis is asked with CONFIG GET, and its answer read into risks.
import { expect, it } from 'vitest';

import { redisRisks } from '../../src/store/operations/durability.js';
import { describeEachBackend } from './store-fixtures.js';

describeEachBackend('durability risks', (backend) => {
  it('names a risk only for a setting the server reports', async () => {
    const store = await backend.freshLocation().open();
    const risks = await store.durabilityRisks();
    if (backend.name === 'sqlite') expect(risks).toEqual([]);
    else for (const risk of risks) expect(['not-persisted', 'snapshots-only', 'evicts-keys']).toContain(risk);
  });
});

it('reads a Redis configuration into the ways it would lose or drop state', () => {
  expect(redisRisks({ appendonly: 'yes', save: '', 'maxmemory-policy': 'noeviction' })).toEqual([]);
  expect(redisRisks({ appendonly: 'no', save: '', 'maxmemory-policy': 'noeviction' })).toEqual(['not-persisted']);
  expect(redisRisks({ appendonly: 'no', save: '3600 1 300 100', 'maxmemory-policy': 'allkeys-lru' })).toEqual(['snapshots-only', 'evicts-keys']);
  // CONFIG refused: nothing known, nothing claimed.
  expect(redisRisks({})).toEqual([]);
});
