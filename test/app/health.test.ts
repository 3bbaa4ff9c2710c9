// GET /healthz's store check: one heartbeat write at most once a second however
// often it is asked, 503 while writes fail, 200 again after the first that succeeds;
// and gateway mode's small health server answering like the HTTP mode's.
import { describe, expect, it } from 'vitest';

import { startHealthServer, storeWriteProbe } from '../../src/app/health.js';
import { StoreUnavailableError } from '../../src/store/store.js';
import { capturingLogger } from '../http/harness.js';

function fakeStore() {
  const state = { writable: true, writes: 0 };
  const store = {
    heartbeat: () => {
      state.writes += 1;
      return state.writable ? Promise.resolve() : Promise.reject(new StoreUnavailableError('no answer'));
    },
  };
  return { state, store };
}

describe('storeWriteProbe', () => {
  it('writes at most once per interval, however often asked, and shares a write in flight', async () => {
    const { state, store } = fakeStore();
    const probe = storeWriteProbe(store, capturingLogger().logger, 100);
    expect(await Promise.all([probe(), probe(), probe()])).toEqual([true, true, true]);
    expect(await probe()).toBe(true);
    expect(state.writes).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await probe()).toBe(true);
    expect(state.writes).toBe(2);
  });

  it('reports false while writes fail and true after the first that succeeds, logging each change once', async () => {
    const { state, store } = fakeStore();
    const { logger, lines } = capturingLogger();
    const probe = storeWriteProbe(store, logger, 10);
    state.writable = false;
    expect(await probe()).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 15));
    expect(await probe()).toBe(false);
    state.writable = true;
    await new Promise((resolve) => setTimeout(resolve, 15));
    expect(await probe()).toBe(true);
    const messages = lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toEqual(['the store does not take writes; /healthz reports 503', 'the store takes writes again; /healthz reports 200']);
  });
});

describe('startHealthServer', () => {
  it('answers GET /healthz 200 or 503 with the checks, and 404 elsewhere', async () => {
    const report = { knowledgeBase: true, store: true };
    const server = await startHealthServer(() => Promise.resolve({ ...report }), { port: 0, host: '127.0.0.1', logger: capturingLogger().logger });
    try {
      const url = `http://127.0.0.1:${server.port}`;
      const ok = await fetch(`${url}/healthz`);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ status: 'ok', checks: report });
      report.store = false;
      const down = await fetch(`${url}/healthz?probe=1`);
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({ status: 'unavailable', checks: { knowledgeBase: true, store: false } });
      expect((await fetch(`${url}/interactions`)).status).toBe(404);
      expect((await fetch(`${url}/healthz`, { method: 'POST' })).status).toBe(405);
    } finally {
      await server.stop();
    }
  });
});
