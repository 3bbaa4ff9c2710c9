// Shutdown when the world around the bot is broken (issue 9), with the real bot
// process: its stdout goes through a pipe to a reader process, as under a
// supervisor. When that reader has died (writes get EPIPE) or stopped reading
// (the pipe is full, writes would block), SIGTERM must still end the bot within
// 10 s. And a second signal during a slow shutdown ends it at once.
import type { ChildProcessByStdio } from 'node:child_process';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { constants } from 'node:os';
import type { Readable, Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';

import { InteractionResponseType } from 'discord-api-types/v10';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { LocalDiscord } from '../../local-discord/index.js';
import { generateInteractionKeys, signedInteractionRequest, startLocalDiscord } from '../../local-discord/index.js';
import { MAIN_SCRIPT } from '../../scripts/bot-process.js';
import { chatInputInteraction } from '../../src/discord/interaction-payloads.js';
import type { Exit, LogLine } from './bot-process.js';
import { botEnv, tempWorkDir, TEST_TOKEN } from './bot-process.js';

const STOP_WITHIN_MS = 10_000;
const READY = { http: 'interactions endpoint listening on POST /interactions', gateway: 'gateway session ready' } as const;
type Mode = keyof typeof READY;

/** The bot with stdout piped into a separate reader process that relays it to us. */
class PipedBot {
  readonly logs: LogLine[] = [];
  stderr = '';
  readonly exited: Promise<Exit>;
  private partial = '';
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly bot: ChildProcessByStdio<null, null, Readable>,
    readonly reader: ChildProcessByStdio<Writable, Readable, null>,
  ) {
    reader.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (this.partial + chunk).split('\n');
      this.partial = lines.pop() ?? '';
      for (const text of lines) {
        try {
          this.logs.push(JSON.parse(text) as LogLine);
        } catch {
          // not a log line
        }
      }
      for (const waiter of [...this.waiters]) waiter();
    });
    bot.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    this.exited = new Promise((resolve) => bot.once('exit', (code, signal) => resolve({ code, signal })));
  }

  waitForLog(msg: string, timeoutMs = 20_000): Promise<LogLine> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.logs.find((line) => line.msg === msg);
        if (!found) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`no log line "${msg}" within ${timeoutMs} ms; stderr: ${this.stderr}`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  /** The exit status and how long it took from now; rejects after `ms`. */
  async exitWithin(ms: number): Promise<Exit & { afterMs: number }> {
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the bot did not exit within ${ms} ms; stderr: ${this.stderr}`)), ms);
    });
    try {
      const exit = await Promise.race([this.exited, late]);
      return { ...exit, afterMs: Date.now() - started };
    } finally {
      clearTimeout(timer);
    }
  }

  cleanUp(): void {
    for (const child of [this.bot, this.reader]) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    this.reader.stdin.destroy();
  }
}

describe('shutdown of the real bot process with a broken stdout, and a second signal', () => {
  let discord: LocalDiscord;
  const workDir = tempWorkDir('e2e-shutdown');
  const keys = generateInteractionKeys();
  const running: PipedBot[] = [];

  async function startPipedBot(mode: Mode): Promise<PipedBot> {
    const env = botEnv(discord, workDir.path, {
      LAGEBILD_MODE: mode,
      DISCORD_PUBLIC_KEY: keys.publicKeyHex,
      LAGEBILD_HTTP_PORT: '0',
      LAGEBILD_HTTP_HOST: '127.0.0.1',
    });
    const reader = spawn(process.execPath, ['-e', 'process.stdin.pipe(process.stdout)'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const bot = spawn(process.execPath, [MAIN_SCRIPT], { cwd: workDir.path, env, stdio: ['ignore', reader.stdin, 'pipe'] });
    const piped = new PipedBot(bot, reader);
    running.push(piped);
    await piped.waitForLog(READY[mode]);
    // The signal handlers are installed right after the ready line, once the rest has started.
    await sleep(500);
    return piped;
  }

  /** Kills the reader: from now on every write to the bot's stdout fails with EPIPE. */
  async function killReader(piped: PipedBot): Promise<void> {
    const gone = once(piped.reader, 'exit');
    piped.reader.kill('SIGKILL');
    await gone;
  }

  /** Stops the reader and fills the pipe behind it, so the bot's next write to stdout would block. */
  function stallReader(piped: PipedBot): void {
    piped.reader.kill('SIGSTOP');
    const pipe = piped.reader.stdin;
    pipe.on('error', () => undefined);
    const filler = Buffer.alloc(64 * 1024, '\n');
    // Our writes share the bot's pipe: once they stop going through, the kernel buffer is full.
    while (pipe.writableLength === 0) pipe.write(filler);
  }

  beforeAll(async () => {
    discord = await startLocalDiscord({ token: TEST_TOKEN });
  });

  afterEach(() => {
    for (const piped of running.splice(0)) piped.cleanUp();
  });

  afterAll(async () => {
    await discord.close();
    workDir.remove();
  });

  it.each(['http', 'gateway'] as const)('%s mode: SIGTERM ends the bot within 10 s after the stdout reader died', async (mode) => {
    const piped = await startPipedBot(mode);
    await killReader(piped);
    piped.bot.kill('SIGTERM');
    const exit = await piped.exitWithin(STOP_WITHIN_MS);
    expect(exit).toMatchObject({ code: 0, signal: null });
  });

  it('http mode: SIGTERM ends the bot within 10 s when the stdout reader stopped reading and the pipe is full', async () => {
    const piped = await startPipedBot('http');
    stallReader(piped);
    piped.bot.kill('SIGTERM');
    const exit = await piped.exitWithin(STOP_WITHIN_MS);
    expect(exit).toMatchObject({ code: 0, signal: null });
  });

  it('http mode: requests are still answered while the stdout reader is dead', async () => {
    const piped = await startPipedBot('http');
    const port = Number((await piped.waitForLog(READY.http)).port);
    await killReader(piped);
    const signed = signedInteractionRequest(chatInputInteraction(discord.guildPlace(), { name: 'summary' }), keys.privateKey);
    const res = await fetch(`http://127.0.0.1:${port}/interactions`, { method: 'POST', headers: signed.headers, body: signed.body });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { type: number }).type).toBe(InteractionResponseType.ChannelMessageWithSource);
    piped.bot.kill('SIGTERM');
    expect(await piped.exitWithin(STOP_WITHIN_MS)).toMatchObject({ code: 0, signal: null });
  });

  const stalled = {
    headers: () => 'POST /interactions HTTP/1.1\r\nHost: 127.0.0.1\r\n',
    body: () =>
      `POST /interactions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n` +
      `X-Signature-Ed25519: ${'ab'.repeat(64)}\r\nX-Signature-Timestamp: ${Math.floor(Date.now() / 1000)}\r\n\r\n{"type":`,
  };

  it.each(['headers', 'body'] as const)('http mode: a client stalling its %s does not hold up SIGTERM', async (part) => {
    const piped = await startPipedBot('http');
    const port = Number((await piped.waitForLog(READY.http)).port);
    const socket = connect(port, '127.0.0.1', () => socket.write(stalled[part]()));
    socket.on('error', () => undefined);
    try {
      await once(socket, 'connect');
      await sleep(200);
      piped.bot.kill('SIGTERM');
      const exit = await piped.exitWithin(5000);
      expect(exit).toMatchObject({ code: 0, signal: null });
    } finally {
      socket.destroy();
    }
  });

  describe('a shutdown held up by an interaction whose answer Discord never takes', () => {
    /** A gateway bot with one interaction in flight: its callback request hangs. */
    async function botWithHungAnswer(): Promise<PipedBot> {
      const piped = await startPipedBot('gateway');
      const payload = chatInputInteraction(discord.guildPlace(), { name: 'summary' });
      discord.inject({ path: `/interactions/${payload.id}/`, kind: 'hang' });
      void discord.sendInteraction(payload, 60_000).catch(() => undefined);
      await expect.poll(() => discord.requests.some((r) => r.path.includes(`/interactions/${payload.id}/`))).toBe(true);
      return piped;
    }

    it('SIGTERM alone still ends the bot within 10 s', async () => {
      const piped = await botWithHungAnswer();
      piped.bot.kill('SIGTERM');
      const exit = await piped.exitWithin(STOP_WITHIN_MS);
      expect(exit).toMatchObject({ code: 1, signal: null });
      expect(piped.logs.map((line) => line.msg)).toContain('shutdown took too long; exiting without finishing it');
    });

    it.each([
      ['SIGTERM', 'SIGTERM'],
      ['SIGTERM', 'SIGINT'],
      ['SIGINT', 'SIGINT'],
    ] as const)('%s then %s: the second signal ends the bot at once', async (first, second) => {
      const piped = await botWithHungAnswer();
      piped.bot.kill(first);
      await piped.waitForLog('shutting down');
      // The shutdown is now waiting for the hung answer.
      await sleep(300);
      expect(piped.bot.exitCode).toBeNull();
      piped.bot.kill(second);
      const exit = await piped.exitWithin(1500);
      // As a shell reports a process killed by that signal.
      expect(exit).toMatchObject({ code: 128 + constants.signals[second], signal: null });
    });
  });
});
