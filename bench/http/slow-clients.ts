// `npm run bench -- http-slow`: the real bot in HTTP mode (dist/src/main.js
// against the local Discord stand-in, SQLite, the data folder) while another
// process holds 2,000 slow connections to it (slow-clients-child.ts). Quoted:
// the bot's resident memory (target under 300 MB) and the latency of signed
// /summary requests from a well-behaved client meanwhile (target: all
// answered within 3 s). Everything stays on 127.0.0.1 and stops by itself.
import { execFileSync, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

import type { LocalDiscord } from '../../local-discord/index.js';
import { generateInteractionKeys, signedInteractionRequest, startLocalDiscord } from '../../local-discord/index.js';
import { botEnv, BotProcess, tempWorkDir } from '../../scripts/bot-process.js';
import { chatInputInteraction } from '../../src/discord/interaction-payloads.js';
import { hasKind, nextMessage } from '../child-ipc.js';
import { table } from '../table.js';
import type { SlowClientsResult, SlowClientsSpec } from './slow-clients-child.js';

export interface BenchSlowClientsOptions {
  connections?: number;
  seconds?: number;
  /** Pause between the well-behaved client's requests. */
  intervalMs?: number;
}

export interface SlowClientsReport {
  connections: number;
  slow: SlowClientsResult;
  idleMb: number;
  peakMb: number;
  signed: { sent: number; failed: number; p50Ms: number; p99Ms: number; maxMs: number };
}

const TOKEN = 'YmVuY2g.http-slow-clients.throwaway-token';
const RSS_TARGET_MB = 300;
const LATENCY_TARGET_MS = 3000;
/** Each slow connection takes a descriptor in the bot and one here; plus headroom. */
const fdsNeeded = (connections: number) => connections * 2 + 200;

/** Resident memory of a process in MB (/proc on Linux, ps elsewhere). */
function residentMb(pid: number): number {
  try {
    const kib = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    if (kib) return (Number(kib) * 1024) / 1e6;
  } catch {
    // not Linux
  }
  return (Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) * 1024) / 1e6;
}

/** The soft limit on open files this process (and the bot it starts) gets. */
function openFileLimit(): number {
  const limit = execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim();
  return limit === 'unlimited' ? Infinity : Number(limit);
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

type Keys = ReturnType<typeof generateInteractionKeys>;

/** One signed /summary, as Discord would send it: its latency in ms, and whether it was answered 200. */
async function signedSummary(discord: LocalDiscord, port: number, keys: Keys): Promise<{ ms: number; ok: boolean }> {
  const signed = signedInteractionRequest(chatInputInteraction(discord.guildPlace(), { name: 'summary' }), keys.privateKey);
  const started = performance.now();
  try {
    const res = await fetch(`http://127.0.0.1:${port}/interactions`, {
      method: 'POST',
      headers: signed.headers,
      body: signed.body,
      signal: AbortSignal.timeout(10_000),
    });
    await res.arrayBuffer();
    return { ms: performance.now() - started, ok: res.status === 200 };
  } catch {
    return { ms: performance.now() - started, ok: false };
  }
}

/** One request after another, `intervalMs` apart, until `endAt`. */
async function signedRequests(
  discord: LocalDiscord,
  port: number,
  keys: Keys,
  endAt: number,
  intervalMs: number,
): Promise<SlowClientsReport['signed']> {
  const latencies: number[] = [];
  let failed = 0;
  while (Date.now() < endAt) {
    const { ms, ok } = await signedSummary(discord, port, keys);
    latencies.push(ms);
    if (!ok) failed += 1;
    await sleep(intervalMs);
  }
  latencies.sort((a, b) => a - b);
  return { sent: latencies.length, failed, p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99), maxMs: latencies.at(-1) ?? 0 };
}

export async function benchHttpSlowClients(print: (line: string) => void, options: BenchSlowClientsOptions = {}): Promise<SlowClientsReport> {
  const seconds = options.seconds ?? 20;
  const limit = openFileLimit();
  const wanted = options.connections ?? 2000;
  // With too few descriptors the bench would measure EMFILE, not the server: open fewer and say so.
  const connections = fdsNeeded(wanted) > limit ? Math.max(100, Math.floor((limit - 200) / 2)) : wanted;
  print(
    `HTTP endpoint under slow clients: the real bot (HTTP mode, stand-in, SQLite), ${connections} slow connections for ${seconds} s ` +
      `(stalled headers, trickling bodies, half-sent 1 MiB bodies; replaced when closed), open-file limit ${limit}`,
  );
  if (connections < wanted)
    print(`NOTE: ulimit -n ${limit} is too low for ${wanted} connections (needs about ${fdsNeeded(wanted)}); using ${connections}.`);

  const discord = await startLocalDiscord({ token: TOKEN });
  const workDir = tempWorkDir('bench-http-slow');
  const keys = generateInteractionKeys();
  const bot = BotProcess.start(
    botEnv(discord, workDir.path, {
      LAGEBILD_MODE: 'http',
      DISCORD_PUBLIC_KEY: keys.publicKeyHex,
      LAGEBILD_HTTP_PORT: '0',
      LAGEBILD_HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
    }),
    workDir.path,
  );
  const attacker = fork(new URL('./slow-clients-child.js', import.meta.url), [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const ready = await bot.waitForLog('interactions endpoint listening on POST /interactions', { timeoutMs: 60_000 });
    const port = Number(ready.port);
    const pid = Number(ready.pid);
    // Warm up: the first answers load code paths and caches.
    for (let i = 0; i < 20; i++) await signedSummary(discord, port, keys);
    const idleMb = residentMb(pid);
    let peakMb = idleMb;
    const sampler = setInterval(() => (peakMb = Math.max(peakMb, residentMb(pid))), 100);

    const result = nextMessage(attacker, hasKind<SlowClientsResult>('slow-result'));
    attacker.send({ port, connections, seconds } satisfies SlowClientsSpec);
    // The well-behaved client starts once the slow connections are being opened, and stops a second before they go.
    await sleep(1000);
    const signed = await signedRequests(discord, port, keys, Date.now() + (seconds - 2) * 1000, options.intervalMs ?? 50);
    const slow = await result;
    clearInterval(sampler);
    if (!bot.running) throw new Error(`the bot died under slow clients:\n${bot.output}`);

    const report: SlowClientsReport = { connections, slow, idleMb, peakMb, signed };
    printReport(print, report);
    return report;
  } finally {
    attacker.kill();
    await bot.stop().catch(() => bot.kill());
    await discord.close();
    workDir.remove();
  }
}

function printReport(print: (line: string) => void, { connections, slow, idleMb, peakMb, signed }: SlowClientsReport): void {
  const closes = Object.entries(slow.closes)
    .sort(([, a], [, b]) => b - a)
    .map(([status, count]) => `${status === 'none' ? 'no answer' : status} ${count}`)
    .join(', ');
  const rows = [
    ['slow connections', `${slow.peakOpen} open at peak (target ${connections}), ${slow.opened} opened in all`, ''],
    ['closed by the bot', closes || 'none', ''],
    [
      'resident memory',
      `idle ${idleMb.toFixed(0)} MB, peak ${peakMb.toFixed(0)} MB`,
      peakMb < RSS_TARGET_MB ? `ok (< ${RSS_TARGET_MB} MB)` : `OVER ${RSS_TARGET_MB} MB`,
    ],
    [
      'signed /summary meanwhile',
      `${signed.sent} sent, ${signed.failed} failed; p50 ${signed.p50Ms.toFixed(1)} ms, p99 ${signed.p99Ms.toFixed(1)} ms, max ${signed.maxMs.toFixed(1)} ms`,
      signed.failed === 0 && signed.maxMs < LATENCY_TARGET_MS ? `ok (all < ${LATENCY_TARGET_MS} ms)` : 'MISSED',
    ],
  ];
  for (const line of table(['', 'measured', 'target'], rows, 3)) print(line);
}
