// For tests that check what a failure looked like.
import { expect } from 'vitest';

/** What `promise` rejected with; fails the test if it resolved instead. */
export function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected the promise to reject'),
    (reason: unknown) => reason,
  );
}
