// Discord wants an interaction answered within 3 s. Both adapters (gateway mode's
// answerInTime and the HTTP server) wait for the dispatcher at most until a
// deadline, then defer and deliver the answer later: this is that one race.

/** The value if it came in time; otherwise the still pending promise, for late delivery. */
export type DeadlineOutcome<T> = { onTime: true; value: T } | { onTime: false; late: Promise<T> };

/**
 * Waits for `promise` at most `ms` milliseconds. The timer is cleared as soon as
 * the promise settles. A rejection before the deadline rejects the result; one
 * after it surfaces only through `late`, and is never reported as unhandled even
 * when nobody awaits `late` (this function's own handler is attached to it).
 */
export function withDeadline<T>(promise: Promise<T>, ms: number): Promise<DeadlineOutcome<T>> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<DeadlineOutcome<T>>((resolve) => {
    timer = setTimeout(() => resolve({ onTime: false, late: promise }), ms);
  });
  // The race's handler on `onTime` is what keeps a late rejection from being unhandled.
  const onTime = promise.then((value): DeadlineOutcome<T> => ({ onTime: true, value }));
  return Promise.race([onTime, deadline]).finally(() => clearTimeout(timer));
}
