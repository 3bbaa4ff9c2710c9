// How fast alerts may be sent. The worker takes a turn before each send and gives
// it back when the send was answered; where the budget is kept is the pacer's
// business (today in this process; one shared by several processes would keep it
// in the store).

export interface Pacer {
  /** Resolves when a send may start (turns are taken in order); call the result once the send was answered or failed. */
  take(): Promise<() => void>;
}

/**
 * At most `perSecond` sends in flight or answered within the last second, counted in
 * this process. Discord counts a request when it arrives, which lies somewhere between
 * the send's start and its answer; so a send holds its place from its start until 1 s
 * after its answer, and any one second of Discord's (fixed or sliding, wherever its
 * window starts) holds at most `perSecond` of them. A stall that bunches arrivals
 * only delays the next turns.
 */
export function createLocalPacer(perSecond: number): Pacer {
  let inFlight = 0;
  /** When the sends of the last second were answered, oldest first. */
  const answeredAt: number[] = [];
  let gate: Promise<unknown> = Promise.resolve();
  let onAnswer: (() => void) | undefined;

  function nextChange(): Promise<void> {
    return new Promise((resolve) => {
      // With every place taken by sends in flight, the next answer frees one; otherwise the oldest answer ages out.
      const oldest = answeredAt[0];
      const timer = oldest === undefined ? undefined : setTimeout(done, oldest + 1000 - performance.now());
      function done(): void {
        clearTimeout(timer);
        onAnswer = undefined;
        resolve();
      }
      onAnswer = done;
    });
  }

  async function turn(): Promise<() => void> {
    for (;;) {
      const now = performance.now();
      for (let oldest = answeredAt[0]; oldest !== undefined && oldest + 1000 <= now; oldest = answeredAt[0]) answeredAt.shift();
      if (inFlight + answeredAt.length < perSecond) break;
      await nextChange();
    }
    inFlight += 1;
    return () => {
      inFlight -= 1;
      answeredAt.push(performance.now());
      onAnswer?.();
    };
  }

  return {
    take() {
      const next = gate.then(turn);
      gate = next;
      return next;
    },
  };
}
