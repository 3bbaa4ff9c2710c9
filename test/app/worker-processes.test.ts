import cluster from 'node:cluster';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

import { afterEach, describe, expect, test } from 'vitest';

import type { Stoppable } from '../../src/app/worker-processes.js';
import { startWorkerProcesses } from '../../src/app/worker-processes.js';
import { capturingLogger } from '../http/harness.js';

const fixture = fileURLToPath(new URL('./fixtures/worker.mjs', import.meta.url));
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

const http = (workers: number) => ({ workers: Array.from({ length: workers }, () => ({})), role: 'HTTP worker' });

describe('startWorkerProcesses', () => {
  test('with one worker it just starts the server here', async () => {
    const { logger } = capturingLogger();
    let closed = false;
    const server = await startWorkerProcesses({
      ...http(1),
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
    running = await startWorkerProcesses({ ...http(2), logger, start: notInPrimary, restartDelayMs: 50 });
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

  test('gives each worker its own environment, counts one up when it says so, and replaces it with the same environment', async () => {
    cluster.setupPrimary({ exec: fixture, args: ['0', 'ready'] });
    const names = new Map<number, string>();
    const onMessage = (worker: { process: { pid?: number } }, message: unknown) => {
      if (typeof message === 'object' && message !== null && 'name' in message) names.set(worker.process.pid ?? 0, String(message.name));
    };
    cluster.on('message', onMessage);
    try {
      const { logger, lines } = capturingLogger();
      running = await startWorkerProcesses({
        workers: [{ LAGEBILD_TEST_WORKER_NAME: 'shards 0-1' }, { LAGEBILD_TEST_WORKER_NAME: 'shards 2-3' }],
        role: 'shard process',
        logger,
        start: notInPrimary,
        restartDelayMs: 50,
      });
      const first = livePids();
      expect(first.map((pid) => names.get(pid!)).sort()).toEqual(['shards 0-1', 'shards 2-3']);
      const victim = first.find((pid) => names.get(pid!) === 'shards 2-3')!;
      process.kill(victim, 'SIGKILL');
      for (let waited = 0; livePids().length < 2 || livePids().includes(victim) || livePids().some((pid) => !names.has(pid!)); waited += 50) {
        if (waited > 5000) throw new Error('the dead shard process was not replaced');
        await sleep(50);
      }
      expect(
        livePids()
          .map((pid) => names.get(pid!))
          .sort(),
      ).toEqual(['shards 0-1', 'shards 2-3']);
      expect(lines.some((line) => line.includes('shard process died; starting a new one'))).toBe(true);
    } finally {
      cluster.off('message', onMessage);
    }
  });

  test('fails when a worker dies before it listens', async () => {
    cluster.setupPrimary({ exec: fixture, args: ['0', 'crash'] });
    const { logger } = capturingLogger();
    await expect(startWorkerProcesses({ ...http(2), logger, start: notInPrimary })).rejects.toThrow(
      /HTTP worker \d+ exited before it was up \(code 3/,
    );
    expect(livePids()).toHaveLength(0);
  });
});
