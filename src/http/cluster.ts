// LAGEBILD_HTTP_WORKERS=N: N processes share the listening port through
// node:cluster. The server is stateless, so any worker can answer any request.
import type { Worker } from 'node:cluster';
import cluster from 'node:cluster';

import type { Logger } from '../logging/logger.js';

export interface Stoppable {
  close(): Promise<void>;
}

export interface HttpWorkersOptions {
  workers: number;
  /** Starts one server in the current process: in each worker, or right here when there is one. */
  start: () => Promise<Stoppable>;
  logger: Logger;
  /** Pause before replacing a worker that died, so a crash loop does not spin. */
  restartDelayMs?: number;
}

/**
 * Call from the entry script. With one worker this just runs `start`. With
 * more, the primary forks them and each re-runs the entry script, reaches this
 * call as a worker and runs `start`; so build heavy state inside `start`, not
 * before. The primary replaces workers that die after they started listening;
 * if one dies before, startup fails. `close` stops the server, or every worker.
 */
export async function startHttpWorkers({ workers, start, logger, restartDelayMs = 1000 }: HttpWorkersOptions): Promise<Stoppable> {
  if (workers <= 1 || cluster.isWorker) return start();

  let stopping = false;
  const fork = (): Promise<Worker> => {
    const worker = cluster.fork();
    return new Promise((resolve, reject) => {
      const early = (code: number | null, signal: string | null) => {
        reject(new Error(`HTTP worker ${worker.process.pid} exited before listening (code ${code}, signal ${signal})`));
      };
      worker.once('exit', early).once('listening', () => {
        worker.off('exit', early).once('exit', (code, signal) => {
          if (stopping) return;
          logger.error({ pid: worker.process.pid, code, signal }, 'HTTP worker died; starting a new one');
          setTimeout(() => void fork().catch((error: unknown) => logger.error({ err: error }, 'replacing an HTTP worker failed')), restartDelayMs);
        });
        resolve(worker);
      });
    });
  };

  const close = async () => {
    stopping = true;
    await Promise.all(
      Object.values(cluster.workers ?? {}).map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker === undefined) {
              resolve();
              return;
            }
            if (worker.isDead()) {
              resolve();
              return;
            }
            worker.once('exit', () => resolve()).kill('SIGTERM');
          }),
      ),
    );
  };

  try {
    await Promise.all(Array.from({ length: workers }, fork));
  } catch (error) {
    await close();
    throw error;
  }
  logger.info({ workers }, 'HTTP workers listening');
  return { close };
}
