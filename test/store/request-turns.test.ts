// The shared request budget (operations/request-turns.ts) on both backends: a sliding
// window over all stores on one location (as over all processes), turns held until a
// window after they ended, pauses, and the refusal that makes others give way.
import { randomUUID } from 'node:crypto';

import { expect, it } from 'vitest';

import type { Store, TurnRequest } from '../../src/store/store.js';
import { describeEachBackend } from './store-fixtures.js';

const WINDOW_MS = 400;

function turn(overrides: Partial<TurnRequest> = {}): TurnRequest {
  return { id: randomUUID(), limit: 3, windowMs: WINDOW_MS, holdMs: 5_000, scopes: ['global'], ...overrides };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Takes turns until one is refused; resolves how many were taken. */
async function takeAll(stores: Store[], request: () => TurnRequest): Promise<number> {
  let taken = 0;
  for (let i = 0; ; i += 1) {
    const store = stores[i % stores.length]!;
    if ((await store.takeTurn(request())) > 0) return taken;
    taken += 1;
  }
}

describeEachBackend('request turns', (backend) => {
  it('gives at most `limit` turns to all stores together, and one more a window after one ended', async () => {
    const location = backend.freshLocation();
    const stores = [await location.open(), await location.open()];
    const ids: string[] = [];
    const taken = await takeAll(stores, () => {
      const request = turn();
      ids.push(request.id);
      return request;
    });
    expect(taken).toBe(3);
    // Still held while unanswered, however long the wait.
    await sleep(WINDOW_MS + 50);
    expect(await stores[0]!.takeTurn(turn())).toBeGreaterThan(0);
    await stores[1]!.endTurn(ids[0]!);
    const wait = await stores[0]!.takeTurn(turn());
    expect(wait).toBeGreaterThan(WINDOW_MS / 2);
    expect(wait).toBeLessThanOrEqual(WINDOW_MS);
    await sleep(wait + 20);
    expect(await stores[0]!.takeTurn(turn())).toBe(0);
    expect(await stores[1]!.takeTurn(turn())).toBeGreaterThan(0);
  });

  it('frees the turn of a request that never ended after holdMs and a window', async () => {
    const store = await backend.freshLocation().open();
    expect(await takeAll([store], () => turn({ holdMs: 100 }))).toBe(3);
    expect(await store.takeTurn(turn())).toBeGreaterThan(0);
    await sleep(100 + WINDOW_MS + 50);
    expect(await store.takeTurn(turn())).toBe(0);
  });

  it('lets a request with a higher limit use the places one with a lower limit leaves', async () => {
    const store = await backend.freshLocation().open();
    expect(await takeAll([store], () => turn({ limit: 2 }))).toBe(2);
    expect(await store.takeTurn(turn({ limit: 3 }))).toBe(0);
    expect(await store.takeTurn(turn({ limit: 3 }))).toBeGreaterThan(0);
  });

  it('holds the scopes a pause names, and only those, for its length', async () => {
    const location = backend.freshLocation();
    const [one, other] = [await location.open(), await location.open()];
    await one.pauseTurns('POST /channels/1/messages', 300);
    const wait = await other.takeTurn(turn({ scopes: ['global', 'POST /channels/1/messages'] }));
    expect(wait).toBeGreaterThan(200);
    expect(wait).toBeLessThanOrEqual(300);
    expect(await other.takeTurn(turn({ scopes: ['global', 'POST /channels/2/messages'] }))).toBe(0);
    // A shorter pause does not shorten it.
    await other.pauseTurns('POST /channels/1/messages', 10);
    expect(await one.takeTurn(turn({ scopes: ['POST /channels/1/messages'] }))).toBeGreaterThan(100);
    await sleep(wait + 20);
    expect(await one.takeTurn(turn({ scopes: ['POST /channels/1/messages'] }))).toBe(0);
  });

  it('pauses the scope named on refusal, so requests of that scope give way', async () => {
    const store = await backend.freshLocation().open();
    expect(await takeAll([store], () => turn())).toBe(3);
    expect(await store.takeTurn(turn({ limit: 3, onRefusal: { scope: 'background', ms: 200 } }))).toBeGreaterThan(0);
    // With places free again, the background still waits for the pause the refusal set.
    expect(await store.takeTurn(turn({ limit: 10, scopes: ['global', 'background'] }))).toBeGreaterThan(100);
    expect(await store.takeTurn(turn({ limit: 10 }))).toBe(0);
  });
});
