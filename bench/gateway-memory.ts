// Gateway memory: the stand-in (own process) delivers many large guilds to
// (a) our gateway client exactly as gateway mode configures it and (b) a
// discord.js Client with default options and the Guilds + GuildMembers
// intents; each client runs in its own process and reports heap and RSS
// after a full GC, before login and after ready plus a settle.
import { fork } from 'node:child_process';
import { once } from 'node:events';

import { hasKind, nextMessage } from './child-ipc.js';
import type { ClientKind, ClientResult, ClientSpec, MemorySample, StandInReady, StandInSpec } from './gateway/protocol.js';
import { table } from './table.js';

export interface BenchGatewayMemoryOptions {
  world?: Partial<StandInSpec['world']>;
  settleMs?: number;
}

export interface GatewayMemoryRow {
  client: ClientKind;
  before: MemorySample;
  after: MemorySample;
  readyMs: number;
}

export interface GatewayMemoryResult {
  rows: GatewayMemoryRow[];
  /** Ours divided by the default's growth; the target is at most 1/3. */
  heapRatio: number;
  rssRatio: number;
}

export const TARGET_RATIO = 1 / 3;
const TOKEN = 'YmVuY2g.gateway-memory.throwaway-token';
const CLIENTS: readonly ClientKind[] = ['lagebild', 'discord.js default'];

const script = (name: string) => new URL(`./gateway/${name}.js`, import.meta.url);

async function measureClient(spec: ClientSpec): Promise<GatewayMemoryRow> {
  const child = fork(script('client-child'), [JSON.stringify(spec)], { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const result = await nextMessage(child, hasKind<ClientResult>('client-result'));
  if (child.exitCode === null) await once(child, 'exit');
  return { client: spec.client, before: result.before, after: result.after, readyMs: result.readyMs };
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const growth = (row: GatewayMemoryRow, key: keyof MemorySample) => row.after[key] - row.before[key];

function memoryTable(rows: GatewayMemoryRow[]): string[] {
  const head = ['client', 'ready ms', 'heap before', 'heap after', 'heap growth', 'RSS before', 'RSS after', 'RSS growth'];
  const body = rows.map((row) => [
    row.client,
    row.readyMs.toFixed(0),
    mb(row.before.heapUsed),
    mb(row.after.heapUsed),
    mb(growth(row, 'heapUsed')),
    mb(row.before.rss),
    mb(row.after.rss),
    mb(growth(row, 'rss')),
  ]);
  return table(head, body, 1);
}

export async function benchGatewayMemory(print: (line: string) => void, options: BenchGatewayMemoryOptions = {}): Promise<GatewayMemoryResult> {
  const world = { guilds: 1000, channels: 50, roles: 20, members: 100, ...options.world };
  const settleMs = options.settleMs ?? 2000;
  print(
    `Gateway memory: ${world.guilds} guilds × ${world.channels} channels, ${world.roles} roles, ${world.members} members ` +
      `from the local stand-in (own process); each client in its own process (node --expose-gc), MB after a full GC, ` +
      `before login and ${settleMs} ms after ready`,
  );
  const standInSpec: StandInSpec = { token: TOKEN, world };
  const standIn = fork(script('stand-in-child'), [JSON.stringify(standInSpec)], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const rows: GatewayMemoryRow[] = [];
  try {
    const { apiUrl, applicationId } = await nextMessage(standIn, hasKind<StandInReady>('stand-in-ready'));
    // One after the other, so neither competes with the other for the two cores.
    for (const client of CLIENTS) rows.push(await measureClient({ client, apiUrl, token: TOKEN, applicationId, settleMs }));
  } finally {
    if (standIn.connected) standIn.disconnect();
    if (standIn.exitCode === null) await once(standIn, 'exit');
  }
  for (const line of memoryTable(rows)) print(line);
  const [ours, theirs] = rows;
  const ratio = (key: keyof MemorySample) => (ours && theirs ? growth(ours, key) / growth(theirs, key) : Number.NaN);
  const result = { rows, heapRatio: ratio('heapUsed'), rssRatio: ratio('rss') };
  const verdict = (value: number) => (value <= TARGET_RATIO ? 'within' : 'MISSES');
  print(
    `growth of lagebild / discord.js default: heap ${result.heapRatio.toFixed(3)}, RSS ${result.rssRatio.toFixed(3)} ` +
      `(target ≤ ${TARGET_RATIO.toFixed(3)}: heap ${verdict(result.heapRatio)}, RSS ${verdict(result.rssRatio)})`,
  );
  return result;
}
