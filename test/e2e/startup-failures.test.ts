// Start-up failures a self-hoster can cause, with the real bot process: each
// must end the process with a non-zero code and a message that names the
// setting to fix, and none may print the token.
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { LocalDiscord } from '../../local-discord/index.js';
import { generateInteractionKeys, startLocalDiscord } from '../../local-discord/index.js';
import { without } from '../support/without.js';
import { botEnv, BotProcess, tempWorkDir, TEST_TOKEN } from './bot-process.js';

const WRONG_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.wrong-one.not-the-token-the-stand-in-accepts';

describe('start-up failures of the real bot process', () => {
  let discord: LocalDiscord;
  const workDir = tempWorkDir('e2e-startup');

  beforeAll(async () => {
    discord = await startLocalDiscord({ token: TEST_TOKEN });
  });

  afterAll(async () => {
    // Set in beforeAll, which may have failed before it got there.
    await (discord as LocalDiscord | undefined)?.close();
    workDir.remove();
  });

  it('exits non-zero on a token Discord rejects, naming DISCORD_TOKEN without printing it', async () => {
    const bot = BotProcess.start(botEnv(discord, workDir.path, { DISCORD_TOKEN: WRONG_TOKEN }), workDir.path);
    const exit = await bot.waitForExit();
    expect(exit.code).not.toBe(0);
    expect(exit.code).not.toBeNull();
    const fatal = bot.findLogs((line) => line.level >= 60);
    expect(fatal).toHaveLength(1);
    expect(fatal[0]?.msg).toContain('DISCORD_TOKEN');
    expect(fatal[0]?.msg).toMatch(/401|rejected/i);
    expect(bot.output).not.toContain(WRONG_TOKEN);
    expect(discord.requests.some((r) => r.status === 401)).toBe(true);
    expect(discord.violations).toEqual([]);
  });

  it('exits with 1 when a setting is missing, listing the problem and its fix on stderr', async () => {
    const env = without(botEnv(discord, workDir.path), 'DISCORD_APPLICATION_ID');
    const requestsBefore = discord.requests.length;
    const bot = BotProcess.start(env, workDir.path);
    expect(await bot.waitForExit()).toEqual({ code: 1, signal: null });
    const problem = bot.stderr.split('\n').find((line) => line.includes('DISCORD_APPLICATION_ID'));
    // The problem and, after a colon, what to do about it.
    expect(problem).toMatch(/^- DISCORD_APPLICATION_ID[^:]*: \S.{10,}/);
    expect(bot.output).not.toContain(TEST_TOKEN);
    // Nothing is attempted with an incomplete configuration.
    expect(discord.requests.length).toBe(requestsBefore);
  });

  it('with several HTTP workers, a feeds file that cannot be read stops start-up before anything listens', async () => {
    const env = botEnv(discord, workDir.path, {
      LAGEBILD_MODE: 'http',
      DISCORD_PUBLIC_KEY: generateInteractionKeys().publicKeyHex,
      LAGEBILD_HTTP_PORT: '0',
      LAGEBILD_HTTP_HOST: '127.0.0.1',
      LAGEBILD_HTTP_WORKERS: '2',
      LAGEBILD_FEEDS_FILE: join(workDir.path, 'no-such-feeds.txt'),
    });
    const requestsBefore = discord.requests.length;
    const bot = BotProcess.start(env, workDir.path);
    try {
      // A worker failing after it listened would be replaced every second, forever.
      expect(await bot.waitForExit(10_000)).toEqual({ code: 1, signal: null });
    } finally {
      bot.kill();
    }
    const fatal = bot.findLogs((line) => line.level >= 60);
    expect(fatal).toHaveLength(1);
    expect(fatal[0]?.msg).toMatch(/^start-up failed: LAGEBILD_FEEDS_FILE .*no-such-feeds\.txt cannot be read \(ENOENT\)/);
    expect(bot.findLogs((line) => /listening|HTTP worker/.test(line.msg))).toEqual([]);
    // Checked before registering the commands, too.
    expect(discord.requests.length).toBe(requestsBefore);
    expect(bot.output).not.toContain(TEST_TOKEN);
  });
});
