// The data folder as deploys and accidents leave it, with the real bot process in
// gateway mode against the stand-in: articles/ or the whole folder replaced by a
// new one, LAGEBILD_DATA_DIR a symlink a deploy points at a new release, and files
// no reader should block or crash on (a FIFO, a folder named like a file, a huge
// file, broken JSON). The bot keeps watching, serving and alerting; the problems
// are reported by file, by the bot and by `lagebild check`, promptly.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ChannelType } from 'discord-api-types/v10';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { type LocalChannel, type LocalDiscord, type LocalGuild, startLocalDiscord } from '../../local-discord/index.js';
import { REPO_ROOT } from '../../scripts/bot-process.js';
import { chatInputInteraction } from '../../src/discord/interaction-payloads.js';
import { botEnv, BotProcess, type LogLine } from '../e2e/bot-process.js';
import { textOf } from '../e2e/replies.js';
import {
  alertsIn,
  articleJson,
  copyData,
  guilds,
  type NewArticle,
  startGatewayBot,
  subscribeIn,
  tempWorkDir,
  TEST_TOKEN,
} from '../e2e-alerts/harness.js';

/** "Within seconds": how long a change may take to be served and alerted. */
const SECONDS = 8_000;
const PROBLEMS = 'data folder has problems; still serving the last good data';

const article = (n: number): NewArticle => ({
  id: `e2e-2025-04-0${n}-csto-swap`,
  title: { en: `CSTO swap test ${n}`, de: `OVKS-Austauschtest ${n}` },
  topics: ['csto-cohesion'],
  entities: ['csto', 'armenia'],
  point: { en: `Point ${n}.`, de: `Punkt ${n}.` },
});

/** Writes an article into `articlesDir` the way an editor's tool does: a temporary name, then a rename. */
function writeArticle(articlesDir: string, spec: NewArticle): void {
  const target = join(articlesDir, `${spec.id}.json`);
  writeFileSync(`${target}.partial`, JSON.stringify(articleJson(spec), null, 2));
  renameSync(`${target}.partial`, target);
}

interface Setup {
  discord: LocalDiscord;
  channel: LocalChannel;
  bot: BotProcess;
}

/** A stand-in, a channel subscribed to csto-cohesion (before the first start), and the bot watching `dataDir`. */
async function startBot(workDir: string, dataDir: string): Promise<Setup> {
  const discord = await startLocalDiscord({ token: TEST_TOKEN });
  const [guild] = guilds(discord) as [LocalGuild];
  const channel = guild.channels.find((c) => c.type === ChannelType.GuildText);
  if (channel === undefined) throw new Error('the stand-in has no text channel');
  await subscribeIn(
    { kind: 'sqlite', path: join(workDir, 'lagebild.sqlite') },
    {
      id: 'swap1',
      guildId: guild.id,
      channelId: channel.id,
      topic: 'csto-cohesion',
      language: 'en',
    },
  );
  const bot = await startGatewayBot(discord, workDir, { LAGEBILD_DATA_DIR: dataDir });
  await bot.waitForLog('knowledge base loaded');
  return { discord, channel, bot };
}

/** The bot answers `/summary article:<id>` with that article, and the subscribed channel got its alert: both within seconds. */
async function expectServedAndAlerted({ discord, channel }: Setup, spec: NewArticle): Promise<void> {
  const summary = async () => {
    const payload = chatInputInteraction(discord.guildPlace(), { name: 'summary', options: { article: spec.id } });
    return textOf((await discord.sendInteraction(payload)).callback);
  };
  await expect.poll(summary, { timeout: SECONDS, interval: 250 }).toContain(spec.title.en);
  await expect.poll(() => alertsIn(discord, channel.id).map((m) => m.embeds[0]?.title), { timeout: SECONDS, interval: 100 }).toContain(spec.title.en);
}

/**
 * For the describe block it is called in: before its tests, the bot started (see startBot) on the data folder
 * `dataDirIn` lays out in the work folder; after them, the bot and the stand-in stopped and the work folder removed.
 * Resolves the set-up inside a test.
 */
function botForBlock(work: ReturnType<typeof tempWorkDir>, dataDirIn: () => string): () => Setup {
  let setup: Setup | undefined;
  beforeAll(async () => {
    setup = await startBot(work.path, dataDirIn());
  });
  afterAll(async () => {
    setup?.bot.kill();
    await setup?.discord.close();
    work.remove();
  });
  return () => setup ?? expect.unreachable('the bot did not start');
}

describe('a data folder replaced under a running bot', () => {
  const work = tempWorkDir('e2e-data-swap');
  const dataDir = copyData(work.path);
  const running = botForBlock(work, () => dataDir);
  afterEach(() => expect(running().discord.violations).toEqual([]));

  it('serves and alerts an article that came with a new articles/ folder renamed into place, and keeps watching the new folder', async () => {
    const next = join(work.path, 'articles.next');
    cpSync(join(dataDir, 'articles'), next, { recursive: true });
    writeArticle(next, article(1));
    renameSync(join(dataDir, 'articles'), join(work.path, 'articles.old'));
    renameSync(next, join(dataDir, 'articles'));
    await expectServedAndAlerted(running(), article(1));

    // The watch follows the new folder, not the one renamed away.
    writeArticle(join(dataDir, 'articles'), article(2));
    await expectServedAndAlerted(running(), article(2));
    writeArticle(join(work.path, 'articles.old'), article(9));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(alertsIn(running().discord, running().channel.id).map((m) => m.embeds[0]?.title)).not.toContain(article(9).title.en);
  });

  it('does the same when the whole data folder is replaced', async () => {
    const next = join(work.path, 'data.next');
    cpSync(dataDir, next, { recursive: true });
    writeArticle(join(next, 'articles'), article(3));
    renameSync(dataDir, join(work.path, 'data.old'));
    renameSync(next, dataDir);
    await expectServedAndAlerted(running(), article(3));

    writeArticle(join(dataDir, 'articles'), article(4));
    await expectServedAndAlerted(running(), article(4));
  });
});

// A symlink at the data folder's own name, or further up (`current/data`, where only the periodic check can see the swap).
describe.each([
  { layout: 'current → releases/rN/data, LAGEBILD_DATA_DIR=current', link: (n: number) => `releases/r${n}/data`, dataDir: 'current' },
  { layout: 'current → releases/rN, LAGEBILD_DATA_DIR=current/data', link: (n: number) => `releases/r${n}`, dataDir: 'current/data' },
])('LAGEBILD_DATA_DIR through a symlink that a deploy swaps to a new release ($layout)', ({ link, dataDir }) => {
  const work = tempWorkDir('e2e-data-release');
  const release = (n: number) => join(work.path, 'releases', `r${n}`);
  const deploy = (n: number) => execFileSync('ln', ['-sfn', link(n), 'current'], { cwd: work.path });
  const running = botForBlock(work, () => {
    mkdirSync(release(1), { recursive: true });
    copyData(release(1));
    deploy(1);
    return join(work.path, dataDir);
  });
  afterEach(() => expect(running().discord.violations).toEqual([]));

  it('serves and alerts the new release’s articles after `ln -sfn`, and keeps watching the new release', async () => {
    cpSync(release(1), release(2), { recursive: true });
    writeArticle(join(release(2), 'data', 'articles'), article(5));
    deploy(2);
    await expectServedAndAlerted(running(), article(5));

    writeArticle(join(release(2), 'data', 'articles'), article(6));
    await expectServedAndAlerted(running(), article(6));
    // The release deployed before is no longer watched.
    writeArticle(join(release(1), 'data', 'articles'), article(9));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(alertsIn(running().discord, running().channel.id).map((m) => m.embeds[0]?.title)).not.toContain(article(9).title.en);
  });

  it('follows a second swap as well', async () => {
    cpSync(release(2), release(3), { recursive: true });
    writeArticle(join(release(3), 'data', 'articles'), article(7));
    deploy(3);
    await expectServedAndAlerted(running(), article(7));
  });
});

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** `lagebild check DIR` as a user runs it; killed (code null) if it has not finished after `timeoutMs`. */
function check(dir: string, timeoutMs = 10_000): Promise<CliRun> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/lagebild.js', 'check', dir], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** A JSON syntax error at a known place: the article pretty-printed, one value left unquoted. */
function brokenJson(): { text: string; line: number; column: number } {
  const lines = JSON.stringify(articleJson(article(8)), null, 2).split('\n');
  const line = lines.findIndex((l) => l.includes('"publisher"'));
  lines[line] = '  "publisher": Lagebild e2e,';
  // In the middle of a long file, so the error is not near its end.
  return { text: lines.join('\r\n'), line: line + 1, column: '  "publisher": '.length + 1 };
}

/** A 50 MB file (sparse: cheap to make, as large as any to a reader). */
function hugeFile(path: string): void {
  writeFileSync(path, '');
  truncateSync(path, 50 * 1024 * 1024);
}

/** Hostile entries in articles/: each made by `make(path)`, and what the report must say about it. */
const HOSTILE: { name: string; what: string; make: (path: string) => void; says: RegExp }[] = [
  { name: 'x.json', what: 'a FIFO', make: (path) => execFileSync('mkfifo', [path]), says: /not a regular file/ },
  { name: 'y.json', what: 'a folder', make: (path) => mkdirSync(path), says: /not a regular file/ },
  { name: 'huge.json', what: 'a 50 MB file', make: hugeFile, says: /too large/ },
  {
    name: 'broken.json',
    what: 'a JSON syntax error',
    make: (path) => writeFileSync(path, brokenJson().text),
    says: new RegExp(`invalid JSON at line ${brokenJson().line}, column ${brokenJson().column}: unexpected "L"`),
  },
];

const problemsNaming = (file: string) => (line: LogLine) =>
  line.msg === PROBLEMS && Array.isArray(line.problems) && (line.problems as string[]).some((p) => p.startsWith(`articles/${file}: `));

describe('files no reader should block or crash on', () => {
  const work = tempWorkDir('e2e-data-hostile');
  const dataDir = copyData(work.path);
  const running = botForBlock(work, () => dataDir);

  it.each(HOSTILE)('$what named $name: the running bot logs the problem by file name and keeps serving', async ({ name, make, says }) => {
    const { bot, discord } = running();
    const path = join(dataDir, 'articles', name);
    const from = bot.logs.length;
    make(path);
    try {
      const logged = await bot.waitForLog(problemsNaming(name), { from, timeoutMs: SECONDS });
      const problem = (logged.problems as string[]).find((p) => p.startsWith(`articles/${name}: `));
      expect(problem).toMatch(says);
      const { callback } = await discord.sendInteraction(chatInputInteraction(discord.guildPlace(), { name: 'summary' }));
      expect(textOf(callback)).not.toBe('');
      expect(bot.running).toBe(true);
      expect(bot.output).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(path, { recursive: true, force: true });
    }
    // Once the file is gone the folder loads again.
    await bot.waitForLog('knowledge base loaded', { from, timeoutMs: SECONDS });
  });

  it.each(HOSTILE)('$what named $name: `lagebild check` names it, exits 1 and returns promptly', async ({ name, make, says }) => {
    const dir = join(work.path, `check-${name}`);
    cpSync(join(REPO_ROOT, 'data'), dir, { recursive: true });
    make(join(dir, 'articles', name));
    const { code, stdout, stderr, ms } = await check(dir);
    expect({ code, stderr }).toEqual({ code: 1, stderr: `1 problem(s) in ${dir}\n` });
    expect(stdout).toMatch(new RegExp(`^articles/${name.replace('.', '\\.')}: \\$: `));
    expect(stdout).toMatch(says);
    expect(ms).toBeLessThan(5_000);
  });

  it('refuses to start over a folder with a FIFO, saying which file, instead of hanging', async () => {
    const dir = join(work.path, 'start-fifo');
    cpSync(join(REPO_ROOT, 'data'), dir, { recursive: true });
    execFileSync('mkfifo', [join(dir, 'articles', 'x.json')]);
    const other = tempWorkDir('e2e-data-start');
    try {
      const bot = BotProcess.start(botEnv(running().discord, other.path, { LAGEBILD_DATA_DIR: dir }), other.path);
      try {
        expect(await bot.waitForExit(10_000)).toEqual({ code: 1, signal: null });
        expect(bot.stdout).toContain('articles/x.json: $: ');
      } finally {
        bot.kill();
      }
    } finally {
      other.remove();
    }
  });
});
