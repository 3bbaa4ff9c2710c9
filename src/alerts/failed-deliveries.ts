// Deliveries Discord will never take (it refused the request itself, e.g. 400) or that
// failed on every attempt: kept in the store with the reason instead of dropped, so the
// operator sees them (`lagebild alerts failed`) and a bug of ours can be found and fixed.
// Entries of namespace `alert-failed` by delivery id, listed through the set `alert-failed`/`all`.
import type { Store } from '../store/store.js';
import type { Delivery } from './delivery.js';

const FAILED = 'alert-failed';
const INDEX = 'all';

export interface FailedDelivery {
  deliveryId: string;
  /** ISO 8601. */
  failedAt: string;
  attempts: number;
  /** Discord's HTTP status, or 'error' when no answer came. */
  status: number | 'error';
  /** Discord's JSON error code, when it gave one. */
  code?: number | string;
  /** Why: Discord's error message (field paths, never the message text) or the last error. */
  reason: string;
  /** The delivery as it was queued, to send again once the cause is fixed. */
  delivery: Delivery;
}

/** Keeps `failed` (again, if the same delivery failed before). The entry is written before the index, so the index never names a missing entry for long. */
export async function parkFailedDelivery(store: Store, failed: FailedDelivery): Promise<void> {
  await store.namespace<FailedDelivery>(FAILED).set(failed.deliveryId, failed);
  await store.addToSet(FAILED, INDEX, failed.deliveryId);
}

/** Every kept failed delivery, oldest first. */
export async function failedDeliveries(store: Store): Promise<FailedDelivery[]> {
  const entries = store.namespace<FailedDelivery>(FAILED);
  const found: FailedDelivery[] = [];
  for (const id of await store.setMembers(FAILED, INDEX)) {
    const failed = await entries.get(id);
    if (failed) found.push(failed);
  }
  return found.sort((a, b) => a.failedAt.localeCompare(b.failedAt));
}
