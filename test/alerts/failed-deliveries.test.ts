// Failed deliveries are kept for the operator, not forever: cleared ones go, and the index
// forgets entries past the retention (both backends).
import { expect, it } from 'vitest';

import { clearFailedDeliveries, failedDeliveries, type FailedDelivery, parkFailedDelivery } from '../../src/alerts/failed-deliveries.js';
import { describeEachBackend } from '../store/store-fixtures.js';
import { failedDelivery } from './failed-delivery-fixture.js';

function failed(deliveryId: string, failedAt: string): FailedDelivery {
  return failedDelivery({ deliveryId, failedAt, attempts: 5, status: 'error', reason: 'connect ECONNREFUSED' });
}

describeEachBackend('failed deliveries', (backend) => {
  it('clearing removes exactly the deliveries named; one failing meanwhile stays', async () => {
    const store = await backend.freshLocation().open();
    await parkFailedDelivery(store, failed('d1', '2026-01-02T00:00:00.000Z'));
    await parkFailedDelivery(store, failed('d2', '2026-01-01T00:00:00.000Z'));
    const seen = await failedDeliveries(store);
    expect(seen.map((f) => f.deliveryId)).toEqual(['d2', 'd1']);
    await parkFailedDelivery(store, failed('d3', '2026-01-03T00:00:00.000Z'));
    expect(
      await clearFailedDeliveries(
        store,
        seen.map((f) => f.deliveryId),
      ),
    ).toBe(2);
    expect((await failedDeliveries(store)).map((f) => f.deliveryId)).toEqual(['d3']);
    expect(await store.setMembers('alert-failed', 'all')).toEqual(['d3']);
  });

  it('an entry gone past its retention leaves the index too', async () => {
    const store = await backend.freshLocation().open();
    await parkFailedDelivery(store, failed('old', '2026-01-01T00:00:00.000Z'));
    await parkFailedDelivery(store, failed('new', '2026-03-01T00:00:00.000Z'));
    // As the entry's expiry does on its own, after FAILED_RETENTION_MS.
    await store.namespace('alert-failed').delete('old');
    expect((await failedDeliveries(store)).map((f) => f.deliveryId)).toEqual(['new']);
    expect(await store.setMembers('alert-failed', 'all')).toEqual(['new']);
  });
});
