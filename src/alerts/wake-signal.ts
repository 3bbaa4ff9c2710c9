// A loop that sleeps between rounds of looking for work, and a way to wake it
// when work arrives. A wake that comes while the loop is busy is not lost: the
// next sleep returns at once.

export interface WakeSignal {
  /** Ends the current sleep, or the next one if none is in progress. */
  wake(): void;
  /** Waits `ms`, less if woken; at once if woken since the last `reset()`. */
  sleep(ms: number): Promise<void>;
  /** Forgets earlier wakes: call it before looking for work. */
  reset(): void;
}

export function createWakeSignal(): WakeSignal {
  let woken = false;
  let wakeUp: (() => void) | undefined;
  return {
    wake() {
      woken = true;
      wakeUp?.();
    },
    sleep(ms) {
      if (woken) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(done, ms);
        function done(): void {
          clearTimeout(timer);
          wakeUp = undefined;
          resolve();
        }
        wakeUp = done;
      });
    },
    reset() {
      woken = false;
    },
  };
}
