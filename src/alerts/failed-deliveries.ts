// Deliveries Discord will never take (it refused the request itself, e.g. 400) or that
// failed on every attempt: kept in the store with the reason instead of dropped, so the
// operator sees them (`lagebild alerts failed`) and a bug of ours can be found and fixed.
// Kept for FAILED_RETENTION_MS, or until the operator clears them (`--clear`), so a
// channel that refuses every alert does not grow the store forever.
// Entries of namespace `alert-failed` by delivery id, listed through the set `alert-failed`/`all`.
import type { Store } from '../store/store.js';
import type { Delivery } from './delivery.js';

const FAILED = 'alert-failed';
const INDEX = 'all';
/** Long enough to be noticed at a monthly look, and to see whether a fix helped. */
export const FAILED_RETENTION_MS = 90 * 24 * 60 * 60_000;

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
  await store.namespace<FailedDelivery>(FAILED).set(failed.deliveryId, failed, FAILED_RETENTION_MS);
  await store.addToSet(FAILED, INDEX, failed.deliveryId);
}

/** Every kept failed delivery, oldest first. The index forgets the ones past the retention. */
export async function failedDeliveries(store: Store): Promise<FailedDelivery[]> {
  const entries = store.namespace<FailedDelivery>(FAILED);
  const found: FailedDelivery[] = [];
  for (const id of await store.setMembers(FAILED, INDEX)) {
    const failed = await entries.get(id);
    if (failed) found.push(failed);
    else await store.removeFromSet(FAILED, INDEX, id);
  }
  return found.sort((a, b) => a.failedAt.localeCompare(b.failedAt));
}

/** Removes the failed deliveries named (the operator has seen them); how many were kept. */
export async function clearFailedDeliveries(store: Store, deliveryIds: readonly string[]): Promise<number> {
  const entries = store.namespace<FailedDelivery>(FAILED);
  let removed = 0;
  for (const id of deliveryIds) {
    if (await entries.delete(id)) removed++;
    await store.removeFromSet(FAILED, INDEX, id);
  }
  return removed;
}
