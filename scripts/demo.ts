// `npm run demo`: Discord without Discord. Starts the local stand-in and the
// real bot process (gateway mode, a throwaway token, a temporary store), then
// a prompt where slash commands are typed as in Discord's chat box.
//   node dist/scripts/demo.js [--locale de]
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import type { Interface } from 'node:readline';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

import { ChannelType } from 'discord-api-types/v10';

import { type LocalDiscord, startLocalDiscord } from '../local-discord/index.js';
import type { BotProcess } from './bot-process.js';
import { DATA_DIR, REPO_ROOT, startGatewayBot, tempWorkDir } from './bot-process.js';
import { DemoSession, helpText, parseLocale } from './demo/session.js';

/** What a plain `publish` adds: a made-up article, marked so, on the CSTO. */
const SAMPLE_ARTICLE = join(REPO_ROOT, 'scripts/demo/sample-article.json');
/** The demo server's text channel that alerts go to in the examples. */
const NEWS_CHANNEL = 'news';

// Shaped like a real token; it only ever meets the stand-in.
const DEMO_TOKEN = 'ZGVtby1hcHBsaWNhdGlvbg.demo.throwaway-token-for-the-local-stand-in';
const PROMPT = 'lagebild> ';

const write = (text: string): void => void process.stdout.write(`${text}\n`);

/** Tab: readline can only append, so a replaced line is typed over (Ctrl-U, then the new text). */
function completer(session: DemoSession, rl: () => Interface) {
  return (line: string, done: (error: null, result: [string[], string]) => void): void => {
    done(null, [[], line]);
    session.complete(line).then(
      (completion) => {
        if (completion.shown.length > 0) write(`\n${completion.shown.join('\n')}`);
        if (completion.line !== undefined) {
          rl().write(null, { ctrl: true, name: 'u' });
          rl().write(completion.line);
        } else if (completion.shown.length > 0) {
          rl().prompt(true);
        }
      },
      (error: unknown) => write(`\n(autocomplete failed: ${String(error)})`),
    );
  };
}

/** The demo server's second text channel becomes #news, for `/alerts add … channel:#news`. */
function nameNewsChannel(discord: LocalDiscord): void {
  const guild = [...discord.world.guilds.values()][0];
  const text = guild?.channels.filter((c) => c.type === ChannelType.GuildText)[1];
  if (text !== undefined) (text as { name: string }).name = NEWS_CHANNEL;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { locale: { type: 'string', default: 'en-US' } } });
  const locale = parseLocale(values.locale);
  if (locale === undefined) {
    write(`Unknown locale "${values.locale}": use de, en or a Discord locale such as en-GB.`);
    return 2;
  }
  const discord = await startLocalDiscord({ token: DEMO_TOKEN });
  const work = tempWorkDir('demo');
  let bot: BotProcess | undefined;
  let stopping = false;
  try {
    // The bot answers from a copy of data/, so what is published at the prompt never touches the repository.
    const dataDir = join(work.path, 'data');
    cpSync(DATA_DIR, dataDir, { recursive: true });
    nameNewsChannel(discord);
    write(`Local Discord stand-in on ${discord.apiUrl}; starting the bot…`);
    bot = await startGatewayBot(discord, work.path, { LAGEBILD_DATA_DIR: dataDir });
    const running = bot;
    write(`Bot connected (application ${discord.applicationId}, locale ${locale}).\n${helpText()}\n`);
    const session = new DemoSession(discord, locale, { dataDir, sampleArticle: SAMPLE_ARTICLE });
    const rl: Interface = createInterface({ input: process.stdin, output: process.stdout, prompt: PROMPT, completer: completer(session, () => rl) });
    rl.on('SIGINT', () => rl.close());
    process.once('SIGTERM', () => rl.close());
    void running.exited.then((exit) => {
      if (stopping) return;
      write(`\nThe bot stopped unexpectedly (exit code ${exit.code}).\n${running.stderr}`);
      rl.close();
    });

    rl.prompt();
    for await (const line of rl) {
      const result = await session.handle(line).catch((error: unknown) => ({ output: `(no answer: ${String(error)})`, quit: false }));
      if (result.output !== '') write(result.output);
      if (result.quit === true || !running.running) break;
      rl.prompt();
    }
    rl.close();
    stopping = true;
    const exit = await running.stop();
    write(exit.code === 0 ? 'Bot stopped.' : `The bot exited with code ${exit.code}.`);
    return exit.code === 0 ? 0 : 1;
  } finally {
    stopping = true;
    if (bot?.running === true) await bot.stop();
    await discord.close();
    work.remove();
  }
}

process.exitCode = await main();
