// The pacer and the wake signal on their own: a turn is held from its start until
// a second after its answer, and a wake is never lost.
import { describe, expect, it } from 'vitest';

import { createLocalPacer } from '../../src/alerts/pacer.js';
import { createWakeSignal } from '../../src/alerts/wake-signal.js';

describe('local pacer', () => {
  it('gives `perSecond` turns at once, the next one a second after an answer', async () => {
    const pacer = createLocalPacer(3);
    const start = performance.now();
    const turns = await Promise.all([pacer.take(), pacer.take(), pacer.take()]);
    expect(performance.now() - start).toBeLessThan(100);
    let fourth = false;
    const next = pacer.take().then((done) => {
      fourth = true;
      return done;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Every place is held by a send in flight: no answer, no turn.
    expect(fourth).toBe(false);
    const answered = performance.now();
    const [first] = turns;
    first();
    (await next)();
    expect(performance.now() - answered).toBeGreaterThanOrEqual(990);
  });
});

describe('wake signal', () => {
  it('ends a sleep early, and keeps a wake that came before the sleep until reset', async () => {
    const signal = createWakeSignal();
    const start = performance.now();
    const sleeping = signal.sleep(5_000);
    signal.wake();
    await sleeping;
    // Still woken: the next sleep returns at once.
    await signal.sleep(5_000);
    expect(performance.now() - start).toBeLessThan(500);
    signal.reset();
    const slept = performance.now();
    await signal.sleep(50);
    expect(performance.now() - slept).toBeGreaterThanOrEqual(45);
  });
});
