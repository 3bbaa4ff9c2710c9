import cluster from 'node:cluster';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

import { afterEach, describe, expect, test } from 'vitest';

import type { Stoppable } from '../../src/http/cluster.js';
import { startHttpWorkers } from '../../src/http/cluster.js';
import { capturingLogger } from './harness.js';

const fixture = fileURLToPath(new URL('./fixtures/cluster-worker.mjs', import.meta.url));
const notInPrimary = () => Promise.reject(new Error('start runs in the workers, not in the primary'));
let running: Stoppable | undefined;

afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** The pids answering a round of fresh connections. */
async function answeringPids(port: number, rounds = 8): Promise<Set<string>> {
  const pids = new Set<string>();
  for (let i = 0; i < rounds; i++) {
    const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { connection: 'close' } });
    pids.add(await res.text());
  }
  return pids;
}

const livePids = () => Object.values(cluster.workers ?? {}).map((worker) => worker?.process.pid);

describe('startHttpWorkers', () => {
  test('with one worker it just starts the server here', async () => {
    const { logger } = capturingLogger();
    let closed = false;
    const server = await startHttpWorkers({
      workers: 1,
      logger,
      start: () =>
        Promise.resolve({
          close: () => {
            closed = true;
            return Promise.resolve();
          },
        }),
    });
    expect(livePids()).toHaveLength(0);
    await server.close();
    expect(closed).toBe(true);
  });

  test('forks workers that share the port, replaces one that dies, and stops them all', async () => {
    const port = await freePort();
    cluster.setupPrimary({ exec: fixture, args: [String(port)] });
    const { logger, lines } = capturingLogger();
    running = await startHttpWorkers({ workers: 2, logger, start: notInPrimary, restartDelayMs: 50 });
    const first = livePids();
    expect(first).toHaveLength(2);
    expect(await answeringPids(port)).toEqual(new Set(first.map(String)));

    const victim = first[0]!;
    process.kill(victim, 'SIGKILL');
    for (let waited = 0; livePids().length < 2 || livePids().includes(victim); waited += 50) {
      if (waited > 5000) throw new Error('the dead worker was not replaced');
      await sleep(50);
    }
    // The replacement may still be starting to listen; the survivor answers meanwhile.
    await sleep(300);
    const after = await answeringPids(port);
    expect(after.has(String(victim))).toBe(false);
    expect(after.size).toBeGreaterThanOrEqual(1);
    expect(lines.some((line) => line.includes('HTTP worker died'))).toBe(true);

    const stopping = running.close();
    running = undefined;
    await stopping;
    expect(livePids()).toHaveLength(0);
  });

  test('fails when a worker dies before it listens', async () => {
    cluster.setupPrimary({ exec: fixture, args: ['0', 'crash'] });
    const { logger } = capturingLogger();
    await expect(startHttpWorkers({ workers: 2, logger, start: notInPrimary })).rejects.toThrow(/exited before listening \(code 3/);
    expect(livePids()).toHaveLength(0);
  });
});
