// `lagebild deploy` registers the commands with the bot token, so it takes its turn of
// the one REST budget in the configured store like the running bot's processes: with
// every turn held by others, its request waits until they free.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type LocalDiscord, startLocalDiscord } from '../../local-discord/index.js';
import { botEnv, REPO_ROOT, tempWorkDir } from '../../scripts/bot-process.js';
import { openStore } from '../../src/store/open-store.js';
import { TEST_TOKEN } from '../e2e/bot-process.js';

const run = promisify(execFile);

let discord: LocalDiscord;
const work = tempWorkDir('deploy');
beforeAll(async () => {
  discord = await startLocalDiscord({ token: TEST_TOKEN });
});
afterAll(async () => {
  await discord.close();
  work.remove();
});

describe('lagebild deploy', () => {
  it('registers the commands only once the turns other processes hold have freed', async () => {
    const env = botEnv(discord, work.path);
    const store = await openStore({ kind: 'sqlite', path: join(work.path, 'lagebild.sqlite') });
    let freedAt: number;
    try {
      // Another process's 50 turns, answered just now: they stay held for one more second.
      for (let i = 0; i < 50; i++) {
        expect(await store.takeTurn({ id: `other-${i}`, limit: 50, windowMs: 1_000, holdMs: 15_000, scopes: [] })).toBe(0);
      }
      for (let i = 0; i < 50; i++) await store.endTurn(`other-${i}`);
      freedAt = Date.now() + 1_000;
    } finally {
      await store.close();
    }
    const { stdout } = await run(process.execPath, ['bin/lagebild.js', 'deploy'], { cwd: REPO_ROOT, env: { ...process.env, ...env } });
    expect(stdout).toMatch(/^Registered \d+ commands globally/);
    expect(discord.commands.get('global')?.length).toBeGreaterThan(0);
    const put = discord.requests.find((request) => request.method === 'PUT' && request.path.endsWith('/commands'));
    expect(put).toBeDefined();
    // The store's clock and ours are the same machine's; allow for rounding.
    expect(put!.at).toBeGreaterThanOrEqual(freedAt - 5);
  });
});
