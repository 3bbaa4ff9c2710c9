// Gateway sharding with the real bot process(es) against a stand-in that keeps Discord's
// rules (max_concurrency 1: one IDENTIFY per 5 s across all connections): two shards in one
// process, two processes with a shard each sharing Redis, and a primary running shard
// processes and replacing one that is killed. Every shard answers a slash command from one
// of its guilds, and no IDENTIFY comes too soon.
import { InteractionResponseType } from 'discord-api-types/v10';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

import type { LocalDiscord } from '../../local-discord/index.js';
import { shardOf, startLocalDiscord } from '../../local-discord/index.js';
import { chatInputInteraction } from '../../src/discord/interaction-payloads.js';
import { REDIS_URL, redisBackend, uniqueRedisPrefix } from '../store/store-fixtures.js';
import { botEnv, BotProcess, type LogLine, startGatewayBot, tempWorkDir, TEST_TOKEN } from './bot-process.js';

const SHARDS = 2;
/** Two shards identify 5 s apart; a replaced shard process waits for its turn too. */
const STARTUP_MS = 30_000;

const running: BotProcess[] = [];
const workDir = tempWorkDir('e2e-shards');
let discord: LocalDiscord | undefined;

afterAll(() => workDir.remove());
afterEach(async () => {
  for (const bot of running.splice(0)) bot.kill();
  await discord?.close();
  discord = undefined;
});

async function standIn(): Promise<LocalDiscord> {
  // Four guilds, a millisecond apart: both shards own some.
  discord = await startLocalDiscord({ token: TEST_TOKEN, guilds: { guilds: 4 }, recommendedShards: SHARDS, maxConcurrency: 1 });
  return discord;
}

/** Asks /help from a guild of each shard; each must be answered. */
async function expectEveryShardAnswers(d: LocalDiscord): Promise<void> {
  const guildIds = [...d.world.guilds.keys()];
  for (let shard = 0; shard < SHARDS; shard++) {
    const guildIndex = guildIds.findIndex((id) => shardOf(id, SHARDS) === shard);
    expect(guildIndex, `no guild on shard ${shard}`).toBeGreaterThanOrEqual(0);
    const { callback } = await d.sendInteraction(chatInputInteraction(d.guildPlace(guildIndex), { name: 'help' }));
    expect(callback.type, `shard ${shard} answered`).toBe(InteractionResponseType.ChannelMessageWithSource);
  }
  expect(d.gateway.connectedShards).toEqual([0, 1]);
  expect(d.gateway.identifyRateViolations).toEqual([]);
  expect(d.violations).toEqual([]);
}

const ready = (line: LogLine) => line.msg === 'gateway session ready';

describe('gateway shards: the real bot against a stand-in with max_concurrency 1', () => {
  it('runs two shards in one process (LAGEBILD_SHARD_COUNT=2) and identifies them 5 s apart', { timeout: 60_000 }, async () => {
    const d = await standIn();
    const bot = await startGatewayBot(d, workDir.path, { LAGEBILD_SHARD_COUNT: String(SHARDS) });
    running.push(bot);
    await expectEveryShardAnswers(d);
    const [first, second] = d.gateway.identifies;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(5000);
  });

  it('runs Discord’s recommended shard count by default: 3 shards for 2,600 servers, none over the 2,500 limit', { timeout: 60_000 }, async () => {
    discord = await startLocalDiscord({ token: TEST_TOKEN, guilds: { guilds: 2600, channels: 1, roles: 2, members: 1 }, maxConcurrency: 1 });
    const bot = BotProcess.start(botEnv(discord, workDir.path), workDir.path);
    running.push(bot);
    expect((await bot.waitForLog(ready, { timeoutMs: STARTUP_MS })).shardCount).toBe(3);
    expect(discord.gateway.connectedShards).toEqual([0, 1, 2]);
    expect(discord.gateway.identifyRateViolations).toEqual([]);
  });

  it.skipIf(redisBackend.skipReason !== undefined)(
    'runs one shard in each of two processes sharing Redis (LAGEBILD_SHARD_IDS=0 and =1), taking identify turns from it',
    { timeout: 60_000 },
    async () => {
      const d = await standIn();
      const shared = {
        LAGEBILD_STORE: REDIS_URL,
        LAGEBILD_REDIS_PREFIX: uniqueRedisPrefix().replaceAll(':', '.'),
        LAGEBILD_SHARD_COUNT: String(SHARDS),
      };
      // Started together: only the shared turns keep them from identifying at once.
      const bots = ['0', '1'].map((ids) => BotProcess.start(botEnv(d, workDir.path, { ...shared, LAGEBILD_SHARD_IDS: ids }), workDir.path));
      running.push(...bots);
      await Promise.all(bots.map((bot) => bot.waitForLog(ready, { timeoutMs: STARTUP_MS })));
      await expectEveryShardAnswers(d);
    },
  );

  it('runs shard processes under a primary (LAGEBILD_SHARD_PROCESSES=2) and replaces one that is killed', { timeout: 90_000 }, async () => {
    const d = await standIn();
    // LAGEBILD_SHARD_COUNT stays auto: the primary asks GET /gateway/bot once and hands each process its shard.
    const primary = BotProcess.start(botEnv(d, workDir.path, { LAGEBILD_SHARD_PROCESSES: '2' }), workDir.path);
    running.push(primary);
    await primary.waitForLog((line) => line.msg === 'worker processes up', { timeoutMs: STARTUP_MS });
    const sessions = primary.findLogs(ready);
    expect(sessions.map((line) => line.shards).sort()).toEqual([[0], [1]]);
    await expectEveryShardAnswers(d);

    const victim = sessions.find((line) => JSON.stringify(line.shards) === '[1]')!;
    process.kill(Number(victim.pid), 'SIGKILL');
    await primary.waitForLog((line) => line.msg === 'shard process died; starting a new one');
    const from = primary.logs.length;
    const replaced = await primary.waitForLog((line) => ready(line) && line.pid !== victim.pid, { from, timeoutMs: STARTUP_MS });
    expect(replaced.shards).toEqual([1]);
    await expectEveryShardAnswers(d);
    expect((await primary.stop()).code).toBe(0);
  });
});
