// Several processes on one machine, supervised by a primary (node:cluster): HTTP workers
// sharing the listening port (LAGEBILD_HTTP_WORKERS), or gateway shard processes each
// running its own range of shards (LAGEBILD_SHARD_PROCESSES). The primary starts them,
// and starts a new one, with the same environment, when one dies.
import type { Worker } from 'node:cluster';
import cluster from 'node:cluster';

import type { Logger } from '../logging/logger.js';

export interface Stoppable {
  close(): Promise<void>;
}

export interface WorkerProcessesOptions {
  /** One entry per process: the environment it gets on top of this one's (e.g. its shard ids); `{}` for none. */
  workers: readonly Readonly<Record<string, string>>[];
  /** Starts the work in the current process: in each worker, or right here when there is one. */
  start: () => Promise<Stoppable>;
  logger: Logger;
  /** What the log calls one of them, e.g. "HTTP worker" or "shard process". */
  role: string;
  /** Pause before replacing a worker that died, so a crash loop does not spin. */
  restartDelayMs?: number;
}

/** What a worker sends the primary once `start` resolved (a worker that listens also counts as ready then). */
const READY = 'lagebild:worker-ready';

/**
 * Call from the entry script. With one worker this just runs `start`. With more, the
 * primary forks them and each re-runs the entry script (with its environment), reaches
 * this call as a worker and runs `start`; so build heavy state inside `start`, not before.
 * A worker is up once it listens or its `start` resolved. The primary replaces workers
 * that die after that; if one dies before, startup fails. `close` stops the work here, or
 * every worker.
 */
export async function startWorkerProcesses({ workers, start, logger, role, restartDelayMs = 1000 }: WorkerProcessesOptions): Promise<Stoppable> {
  if (cluster.isWorker) {
    const running = await start();
    process.send?.(READY);
    return running;
  }
  if (workers.length <= 1) return start();

  let stopping = false;
  const fork = (env: Readonly<Record<string, string>>): Promise<Worker> => {
    const worker = cluster.fork(env);
    return new Promise((resolve, reject) => {
      const early = (code: number | null, signal: string | null) => {
        reject(new Error(`${role} ${worker.process.pid} exited before it was up (code ${code}, signal ${signal})`));
      };
      const up = () => {
        worker.off('exit', early).off('listening', up).off('message', onMessage);
        worker.once('exit', (code, signal) => {
          if (stopping) return;
          logger.error({ pid: worker.process.pid, code, signal }, `${role} died; starting a new one`);
          setTimeout(() => void fork(env).catch((error: unknown) => logger.error({ err: error }, `replacing a ${role} failed`)), restartDelayMs);
        });
        resolve(worker);
      };
      const onMessage = (message: unknown) => {
        if (message === READY) up();
      };
      worker.once('exit', early).once('listening', up).on('message', onMessage);
    });
  };

  const close = async () => {
    stopping = true;
    await Promise.all(
      Object.values(cluster.workers ?? {}).map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker === undefined || worker.isDead()) {
              resolve();
              return;
            }
            worker.once('exit', () => resolve()).kill('SIGTERM');
          }),
      ),
    );
  };

  try {
    await Promise.all(workers.map(fork));
  } catch (error) {
    await close();
    throw error;
  }
  logger.info({ role, workers: workers.length }, 'worker processes up');
  return { close };
}
