// The HTTP interactions endpoint against two baselines, side by side on
// loopback: (a) Lagebild's server, (b) Discord's example-app way (Express 5 +
// discord-interactions), (c) a bare node:http server that verifies with a key
// built once. Each server and the load generator run in their own processes;
// servers report their own CPU time, so CPU per request excludes the load.
import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { availableParallelism } from 'node:os';

import { InteractionType } from 'discord-api-types/v10';

import { generateInteractionKeys } from '../local-discord/signed-request.js';
import { signRequest } from '../src/http/signature.js';
import { hasKind, nextMessage } from './child-ipc.js';
import type { LoadResult, LoadSpec, RespondSource, ServerKind, ServerMessage, ServerSpec, SignedRequest } from './http/protocol.js';
import { table } from './table.js';

export interface BenchHttpOptions {
  /**
   * Builds the dispatcher inside each server process (a function cannot cross
   * processes): a module path or file URL, and its export, a factory returning
   * `(interaction) => Promise<APIInteractionResponse>`. Default: a stub that
   * builds a /summary-sized embed.
   */
  respond?: { module: string; exportName?: string };
  /** Seconds per measured run; each server gets `rounds` runs per workload and the best counts. */
  seconds?: number;
  rounds?: number;
  warmupSeconds?: number;
  concurrency?: number;
  /** Upper bound of requests per run. */
  maxRequests?: number;
  /** Also measure (a) with this many cluster workers; 1 skips it. */
  clusterWorkers?: number;
}

export type Workload = 'ping' | 'summary';

export interface HttpBenchRow {
  workload: Workload;
  server: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  cpuMicrosPerRequest: number;
  /** Non-200 answers and transport errors; should be 0. */
  failed: number;
}

const script = (name: string) => new URL(`./http/${name}.js`, import.meta.url);

function interactionPayloads(workload: Workload, count: number): object[] {
  return Array.from({ length: count }, (_, i) => {
    const base = {
      id: `12${String(i).padStart(17, '0')}`,
      application_id: '1100000000000000000',
      token: `bench-token-${i}-${'x'.repeat(140)}`,
      version: 1,
    };
    if (workload === 'ping') return { ...base, type: InteractionType.Ping };
    return {
      ...base,
      type: InteractionType.ApplicationCommand,
      data: { id: '1100000000000000010', name: 'summary', type: 1 },
      guild_id: '1100000000000000020',
      channel_id: '1100000000000000030',
      member: {
        user: { id: '1100000000000000040', username: 'reader', global_name: 'Reader', discriminator: '0', avatar: null },
        roles: [],
        permissions: '2248473465835073',
        joined_at: '2025-01-01T00:00:00.000000+00:00',
        deaf: false,
        mute: false,
        flags: 0,
      },
      locale: 'de',
      guild_locale: 'de',
      app_permissions: '2248473465835073',
      entitlements: [],
      authorizing_integration_owners: { 0: '1100000000000000020' },
      context: 0,
    };
  });
}

/** Requests are signed once up front (fresh for the 5-minute window), so the load generator only sends. */
function signer(): { publicKeyHex: string; sign: (payloads: object[]) => SignedRequest[] } {
  const { privateKey, publicKeyHex } = generateInteractionKeys();
  const timestamp = String(Math.floor(Date.now() / 1000));
  return {
    publicKeyHex,
    sign: (payloads) =>
      payloads.map((payload) => {
        const body = JSON.stringify(payload);
        return { body, timestamp, signature: signRequest(privateKey, timestamp, body) };
      }),
  };
}

const isServer = <K extends ServerMessage['kind']>(kind: K) => hasKind<ServerMessage, K>(kind);
const isLoadResult = (message: unknown): message is LoadResult => typeof (message as LoadResult | undefined)?.completed === 'number';

async function cpuMicros(server: ChildProcess): Promise<number> {
  const answer = nextMessage(server, isServer('cpu'));
  server.send({ kind: 'cpu' });
  return (await answer).micros;
}

interface RunningServer {
  child: ChildProcess;
  port: number;
}

async function startServer(spec: ServerSpec): Promise<RunningServer> {
  const child = fork(script('server-child'), [JSON.stringify(spec)], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { port } = await nextMessage(child, isServer('ready'));
  return { child, port };
}

async function stopServer({ child }: RunningServer): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

function load(loader: ChildProcess, spec: LoadSpec): Promise<LoadResult> {
  const result = nextMessage(loader, isLoadResult);
  loader.send(spec);
  return result;
}

type Measurement = Omit<HttpBenchRow, 'workload' | 'server'>;

async function measure(server: RunningServer, loader: ChildProcess, spec: Omit<LoadSpec, 'port'>): Promise<Measurement> {
  const cpuBefore = await cpuMicros(server.child);
  const result = await load(loader, { ...spec, port: server.port });
  const cpu = (await cpuMicros(server.child)) - cpuBefore;
  return {
    requestsPerSecond: result.completed / result.seconds,
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    cpuMicrosPerRequest: cpu / Math.max(1, result.completed),
    failed: result.failed,
  };
}

/** Other load only ever lowers throughput and raises CPU time, so the best of each is the estimate. */
function leastDisturbed(previous: HttpBenchRow | undefined, row: HttpBenchRow): HttpBenchRow {
  if (!previous) return row;
  return {
    ...(row.requestsPerSecond > previous.requestsPerSecond ? row : previous),
    cpuMicrosPerRequest: Math.min(row.cpuMicrosPerRequest, previous.cpuMicrosPerRequest),
    failed: row.failed + previous.failed,
  };
}

const fixed = (value: number, digits: number) => value.toFixed(digits);
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '–');

function httpTable(rows: HttpBenchRow[]): string[] {
  const head = [
    'workload',
    'server',
    'req/s',
    'p50 ms',
    'p99 ms',
    'CPU µs/req',
    'failed',
    'req/s vs (c)',
    'CPU vs (c)',
    'req/s vs (b)',
    'CPU vs (b)',
  ];
  const body = rows.map((row) => {
    const same = (prefix: string) => rows.find((r) => r.workload === row.workload && r.server.startsWith(prefix));
    const bare = same('(c)');
    const express = same('(b)');
    return [
      row.workload,
      row.server,
      fixed(row.requestsPerSecond, 0),
      fixed(row.p50Ms, 2),
      fixed(row.p99Ms, 2),
      fixed(row.cpuMicrosPerRequest, 0),
      String(row.failed),
      ratio(row.requestsPerSecond, bare?.requestsPerSecond ?? 0),
      ratio(row.cpuMicrosPerRequest, bare?.cpuMicrosPerRequest ?? 0),
      ratio(row.requestsPerSecond, express?.requestsPerSecond ?? 0),
      ratio(row.cpuMicrosPerRequest, express?.cpuMicrosPerRequest ?? 0),
    ];
  });
  return table(head, body, 2);
}

export async function benchHttp(print: (line: string) => void, options: BenchHttpOptions = {}): Promise<HttpBenchRow[]> {
  const settings = {
    seconds: options.seconds ?? 2,
    rounds: options.rounds ?? 3,
    warmupSeconds: options.warmupSeconds ?? 0.5,
    concurrency: options.concurrency ?? 32,
    maxRequests: options.maxRequests ?? 100_000,
    clusterWorkers: options.clusterWorkers ?? 2,
  };
  const respond: RespondSource = options.respond
    ? { module: options.respond.module, exportName: options.respond.exportName ?? 'createRespond' }
    : { module: new URL('./http/stub-respond.js', import.meta.url).href, exportName: 'createRespond' };
  const servers: { label: string; kind: ServerKind; workers: number }[] = [
    { label: '(a) lagebild', kind: 'lagebild', workers: 1 },
    { label: '(b) express + discord-interactions', kind: 'express', workers: 1 },
    { label: '(c) bare node:http', kind: 'bare', workers: 1 },
    ...(settings.clusterWorkers > 1
      ? [{ label: `(a) lagebild, ${settings.clusterWorkers} workers`, kind: 'lagebild' as const, workers: settings.clusterWorkers }]
      : []),
  ];
  const workloads = ['ping', 'summary'] as const;
  const { publicKeyHex, sign } = signer();
  const requests = { ping: sign(interactionPayloads('ping', 64)), summary: sign(interactionPayloads('summary', 64)) };

  print(
    `HTTP interactions endpoint: loopback, ${availableParallelism()} cores, node ${process.version}, ` +
      `concurrency ${settings.concurrency}, best of ${settings.rounds} interleaved ${settings.seconds} s runs (highest req/s, lowest CPU), ` +
      `dispatcher ${options.respond ? respond.module : 'stub /summary'}`,
  );
  const loader = fork(script('load-generator'), [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const running: RunningServer[] = [];
  const best = new Map<string, HttpBenchRow>();
  try {
    for (const { kind, workers } of servers) running.push(await startServer({ kind, workers, publicKeyHex, respond }));
    const spec = (workload: (typeof workloads)[number], seconds: number) => ({
      requests: requests[workload],
      concurrency: settings.concurrency,
      maxRequests: settings.maxRequests,
      maxSeconds: seconds,
    });
    for (const server of running) {
      for (const workload of workloads) await load(loader, { ...spec(workload, settings.warmupSeconds), port: server.port });
    }
    // Rounds interleave the servers (starting with a different one each time), so bursts of other
    // load on the machine hit all alike; the least disturbed run counts: highest req/s, lowest CPU.
    for (let round = 0; round < settings.rounds; round++) {
      for (const workload of workloads) {
        for (let k = 0; k < running.length; k++) {
          const i = (k + round) % running.length;
          const label = servers[i]!.label;
          const row = { workload, server: label, ...(await measure(running[i]!, loader, spec(workload, settings.seconds))) };
          const key = `${workload} ${label}`;
          best.set(key, leastDisturbed(best.get(key), row));
        }
      }
    }
  } finally {
    loader.disconnect();
    await Promise.all(running.map(stopServer));
  }
  const rows = workloads.flatMap((workload) => servers.map(({ label }) => best.get(`${workload} ${label}`)!));
  for (const line of httpTable(rows)) print(line);
  if (rows.some((row) => row.failed > 0)) print('WARNING: some requests were not answered with 200; see the failed column.');
  return rows;
}
