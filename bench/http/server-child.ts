// One server under test, in its own process so its CPU time can be measured.
// argv[2] is a JSON ServerSpec. Reports {kind:'ready', port} once listening and
// answers {kind:'cpu'} with the CPU time of this process and its workers.
import cluster from 'node:cluster';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { REST } from '@discordjs/rest';

import { startWorkerProcesses } from '../../src/app/worker-processes.js';
import type { RespondFn } from '../../src/http/interactions-server.js';
import { createInteractionsServer } from '../../src/http/interactions-server.js';
import { createLogger } from '../../src/logging/logger.js';
import { bareBaseline, expressBaseline } from './baselines.js';
import type { CpuRequest, ServerMessage, ServerSpec } from './protocol.js';

const spec = JSON.parse(process.argv[2] ?? '') as ServerSpec;
const logger = createLogger({ level: 'error' });
const reply = (message: ServerMessage) => process.send?.(message);
/** IPC messages are whatever the other side sent: only `{kind: 'cpu'}` asks for an answer. */
const isCpuRequest = (message: unknown): message is CpuRequest =>
  typeof message === 'object' && message !== null && (message as Partial<CpuRequest>).kind === 'cpu';
const ownCpu = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

async function loadRespond(): Promise<RespondFn> {
  const module = (await import(spec.respond.module)) as Record<string, () => RespondFn | Promise<RespondFn>>;
  const factory = module[spec.respond.exportName];
  if (typeof factory !== 'function') throw new Error(`${spec.respond.module} has no export ${spec.respond.exportName}`);
  return factory();
}

async function buildServer(): Promise<Server> {
  const respond = await loadRespond();
  if (spec.kind === 'express') return expressBaseline(spec.publicKeyHex, respond);
  if (spec.kind === 'bare') return bareBaseline(spec.publicKeyHex, respond);
  return createInteractionsServer({
    publicKey: spec.publicKeyHex,
    applicationId: '1100000000000000000',
    respond,
    // Never used: the stub answers well within the deadline.
    rest: new REST(),
    logger,
  });
}

async function start() {
  const server = await buildServer();
  await new Promise<void>((resolve) => server.listen(spec.port ?? 0, '127.0.0.1', resolve));
  return { server, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

if (cluster.isWorker) {
  process.on('message', (message) => {
    if (isCpuRequest(message)) reply({ kind: 'cpu', micros: ownCpu() });
  });
  await start();
} else if (spec.workers > 1) {
  // Workers listening on port 0 would each get their own port: find a free one and hand it to them.
  const probe = await start();
  const freePort = (probe.server.address() as AddressInfo).port;
  await probe.close();
  cluster.setupPrimary({ args: [JSON.stringify({ ...spec, port: freePort } satisfies ServerSpec)] });
  await startWorkerProcesses({ workers: Array.from({ length: spec.workers }, () => ({})), role: 'HTTP worker', start, logger });
  reply({ kind: 'ready', port: freePort });
  const answerCpu = async () => {
    const workers = Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined);
    const micros = await Promise.all(
      workers.map(
        (worker) =>
          new Promise<number>((resolve) => {
            worker.once('message', (answer: ServerMessage) => resolve(answer.kind === 'cpu' ? answer.micros : 0));
            worker.send({ kind: 'cpu' } satisfies CpuRequest);
          }),
      ),
    );
    reply({ kind: 'cpu', micros: micros.reduce((sum, value) => sum + value, ownCpu()) });
  };
  process.on('message', (message) => {
    if (isCpuRequest(message)) void answerCpu();
  });
} else {
  const { server } = await start();
  reply({ kind: 'ready', port: (server.address() as AddressInfo).port });
  process.on('message', (message) => {
    if (isCpuRequest(message)) reply({ kind: 'cpu', micros: ownCpu() });
  });
}
