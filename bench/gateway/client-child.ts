// One gateway client under measurement, in a fresh process run with
// --expose-gc: heap and RSS after a full collection, before login and after
// ready plus a settle. argv[2] is a JSON ClientSpec; reports a ClientResult.
import { setTimeout as sleep } from 'node:timers/promises';

import { Client, GatewayIntentBits } from 'discord.js';
import { InteractionResponseType } from 'discord-api-types/v10';

import { createGatewayBot } from '../../src/gateway/gateway-bot.js';
import { createLogger } from '../../src/logging/logger.js';
import type { ClientResult, ClientSpec, MemorySample } from './protocol.js';

interface Session {
  start(): Promise<void>;
  stop(): Promise<void>;
}

function sample(): MemorySample {
  if (globalThis.gc === undefined) throw new Error('run with node --expose-gc');
  // Twice: the first pass may only queue finalizers that free more.
  globalThis.gc();
  globalThis.gc();
  const { heapUsed, rss } = process.memoryUsage();
  return { heapUsed, rss };
}

/** (a) exactly what gateway mode runs; (b) discord.js as most bots use it. */
function session(spec: ClientSpec): Session {
  if (spec.client === 'lagebild') {
    const bot = createGatewayBot({
      token: spec.token,
      apiUrl: spec.apiUrl,
      applicationId: spec.applicationId,
      respond: () => Promise.resolve({ type: InteractionResponseType.Pong }),
      deferEphemeral: () => false,
      logger: createLogger({ level: 'silent' }),
    });
    return { start: () => bot.start(), stop: () => bot.stop(0) };
  }
  const client = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers], rest: { api: spec.apiUrl } });
  return {
    async start() {
      const ready = new Promise<void>((resolve) => client.once('clientReady', () => resolve()));
      await client.login(spec.token);
      await ready;
    },
    stop: () => client.destroy(),
  };
}

const spec = JSON.parse(process.argv[2] ?? '') as ClientSpec;
const client = session(spec);
const before = sample();
const started = performance.now();
await client.start();
const readyMs = performance.now() - started;
await sleep(spec.settleMs);
const after = sample();
const result: ClientResult = { kind: 'client-result', before, after, readyMs };
process.send?.(result);
await client.stop();
process.disconnect();
