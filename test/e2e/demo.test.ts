// `npm run demo` driven through its stdin as a person would type, and its Tab
// completion (the bot's real autocomplete) through the session it uses.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Locale } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createCommands } from '../../commands/index.js';
import type { LocalDiscord } from '../../local-discord/index.js';
import { startLocalDiscord } from '../../local-discord/index.js';
import { REPO_ROOT } from '../../scripts/bot-process.js';
import { DemoSession } from '../../scripts/demo/session.js';
import { t } from '../../src/i18n/t.js';
import type { BotProcess } from './bot-process.js';
import { startGatewayBot, tempWorkDir, TEST_TOKEN } from './bot-process.js';
import { allianceMemberNames, articleTitles, expertNamed } from './data-names.js';

const commands = createCommands();

const DEMO_SCRIPT = join(REPO_ROOT, 'dist/scripts/demo.js');

/** Runs the demo with `input` as everything typed; resolves with its output and exit code. */
function runDemo(args: string[], input: string, timeoutMs = 25_000): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [DEMO_SCRIPT, ...args], { cwd: REPO_ROOT, env: {}, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the demo did not finish:\n${output}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
    child.stdin.end(input);
  });
}

/** The "Page 1/N" footer part of a paged reply in `lang`, with its N. */
function pagesShown(output: string, lang: 'de' | 'en'): number | undefined {
  for (let pages = 2; pages <= 50; pages += 1) if (output.includes(t(lang, 'page.indicator', { page: 1, pages }))) return pages;
  return undefined;
}

describe('the demo (npm run demo)', () => {
  it('answers typed slash commands, presses a page button, switches language and quits cleanly', async () => {
    const typed = ['/alliance name:csto', '1', ':lang en', '/expert barbieri', '/summary', '/quit', ''].join('\n');
    const { code, output } = await runDemo(['--locale', 'de'], typed);
    expect(code).toBe(0);
    for (const member of allianceMemberNames('csto', 'de')) expect(output).toContain(member);
    expect(output).toContain(`[1] ${t('de', 'page.next')}`);
    const pages = pagesShown(output, 'de');
    expect(pages).toBeDefined();
    expect(output).toContain(t('de', 'page.indicator', { page: 2, pages: pages ?? 0 }));
    expect(output).toContain(`# ${expertNamed('Barbieri').name.en}`);
    expect(output).toContain(`## ${t('en', 'label.affiliation')}`);
    for (const title of articleTitles('en')) expect(output).toContain(title);
    // Rendered for a terminal: no raw JSON, no custom ids.
    expect(output).not.toContain('"type"');
    expect(output).not.toContain('page:alliance');
    expect(output).toMatch(/Bot stopped\.\s*$/);
  });

  it('lets the person at the prompt moderate: subscribe #news, publish an article, see the alert arrive there', async () => {
    const sample = JSON.parse(readFileSync(join(REPO_ROOT, 'scripts/demo/sample-article.json'), 'utf8')) as { id: string; title: { en: string } };
    const typed = ['/alerts add topic:csto channel:#news', 'publish no-such-file.json', 'publish', '/alerts list', '/quit', ''].join('\n');
    const { code, output } = await runDemo([], typed, 45_000);
    expect(code).toBe(0);
    // A moderator of the demo server: the subscription is made, to the channel named at the prompt.
    expect(output).not.toContain(t('en', 'alerts.notAllowed'));
    expect(output).toContain('Done: news on **CSTO** will be posted in #news, in English.');
    // A file that cannot be read is refused as `lagebild publish` refuses it.
    expect(output).toContain('cannot read no-such-file.json');
    // Publishing adds the article, and the alert arrives in #news: its title and topic.
    expect(output).toContain(`Published ${sample.id}`);
    const alert = output.slice(output.indexOf('── posted in #news ──'));
    expect(output).toContain('── posted in #news ──');
    expect(alert).toContain(`# ${sample.title.en}`);
    expect(alert).toContain('CSTO');
    expect(output).toMatch(/\*\*CSTO\*\* → #news · English/);
    expect(output).toMatch(/Bot stopped\.\s*$/);
    // The demo publishes into a copy: the repository's data folder is untouched.
    expect(existsSync(join(REPO_ROOT, 'data/articles', `${sample.id}.json`))).toBe(false);
  });

  it('stops the bot and itself on Ctrl-D (end of input)', async () => {
    const { code, output } = await runDemo([], '/expert name:barbiero\n');
    expect(code).toBe(0);
    expect(output).toContain(t('en', 'notFound.didYouMean'));
    expect(output).toContain('(only you can see this)');
    expect(output).toMatch(/Bot stopped\.\s*$/);
  });

  it('rejects an unknown locale with a hint and exit code 2', async () => {
    const { code, output } = await runDemo(['--locale', 'xx'], '');
    expect(code).toBe(2);
    expect(output).toContain('xx');
  });
});

describe('the demo’s Tab completion against the real bot', () => {
  let discord: LocalDiscord;
  let bot: BotProcess;
  let session: DemoSession;
  const workDir = tempWorkDir('e2e-demo');

  beforeAll(async () => {
    discord = await startLocalDiscord({ token: TEST_TOKEN });
    bot = await startGatewayBot(discord, workDir.path);
    session = new DemoSession(discord, Locale.EnglishUS);
  });

  afterAll(async () => {
    // Set in beforeAll, which may have failed before it got there.
    (bot as BotProcess | undefined)?.kill();
    await (discord as LocalDiscord | undefined)?.close();
    workDir.remove();
  });

  it('completes command names locally', async () => {
    expect(await session.complete('/ex')).toEqual({ line: '/expert ', shown: [] });
    const startingWithA = commands.map((c) => `/${c.definition.name}`).filter((name) => name.startsWith('/a'));
    expect((await session.complete('/a')).shown).toEqual(startingWithA);
    expect(discord.requests.some((r) => r.path.includes('/interactions/'))).toBe(false);
  });

  it('completes an option value from the bot’s autocomplete', async () => {
    expect(await session.complete('/expert name:bar')).toEqual({ line: `/expert name:${expertNamed('Barbieri').id}`, shown: [] });
    expect(discord.requests.filter((r) => r.path.includes('/interactions/') && r.status === 204).length).toBeGreaterThan(0);
  });

  it('shows the choices when several fit, without changing the line', async () => {
    const completion = await session.complete('/timeline ');
    expect(completion.line).toBeUndefined();
    expect(completion.shown.length).toBeGreaterThan(1);
    expect(completion.shown.some((choice) => allianceMemberNames('csto', 'en').some((name) => choice.startsWith(name)))).toBe(true);
    expect(discord.violations).toEqual([]);
  });
});
