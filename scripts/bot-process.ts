// The real bot as `npm start` runs it (`node dist/src/main.js`), in a child
// process: spawn with an explicit environment, wait for log lines, stop with
// SIGTERM. Used by the demo and the end-to-end tests; build first.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { LocalDiscord } from '../local-discord/index.js';

/** The folder holding package.json, whether this runs from scripts/ or dist/scripts/. */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above scripts/');
    dir = parent;
  }
  return dir;
}

export const REPO_ROOT = repoRoot();
export const MAIN_SCRIPT = join(REPO_ROOT, 'dist/src/main.js');
export const DATA_DIR = join(REPO_ROOT, 'data');

/** One pino line from the bot's stdout. */
export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export type LogMatch = string | ((line: LogLine) => boolean);

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const matches = (match: LogMatch) => (line: LogLine) => (typeof match === 'string' ? line.msg === match : match(line));

function parseLine(text: string): LogLine | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && typeof (value as LogLine).msg === 'string' ? (value as LogLine) : undefined;
  } catch {
    return undefined;
  }
}

export class BotProcess {
  /** Everything the process wrote, raw. */
  stdout = '';
  stderr = '';
  readonly logs: LogLine[] = [];
  readonly exited: Promise<Exit>;
  private readonly child: ChildProcess;
  private readonly listeners = new Set<() => void>();
  private partial = '';

  private constructor(env: Record<string, string>, cwd: string) {
    // Only the variables given: nothing from the test runner's environment leaks in.
    this.child = spawn(process.execPath, [MAIN_SCRIPT], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout?.setEncoding('utf8').on('data', (chunk: string) => this.onStdout(chunk));
    this.child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
      this.notify();
    });
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.notify();
        resolve({ code, signal });
      });
    });
  }

  static start(env: Record<string, string>, cwd: string): BotProcess {
    return new BotProcess(env, cwd);
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** stdout and stderr together, for "never printed" checks. */
  get output(): string {
    return this.stdout + this.stderr;
  }

  private onStdout(chunk: string): void {
    this.stdout += chunk;
    const lines = (this.partial + chunk).split('\n');
    this.partial = lines.pop() ?? '';
    for (const text of lines) {
      const line = parseLine(text);
      if (line) this.logs.push(line);
    }
    this.notify();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** Resolves when `check` returns a value; rejects on exit or after `timeoutMs`. */
  private waitUntil<T>(check: () => T | undefined, what: string, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const finish = (outcome: () => void) => {
        clearTimeout(timer);
        this.listeners.delete(listener);
        outcome();
      };
      const listener = () => {
        const found = check();
        if (found !== undefined) finish(() => resolve(found));
        else if (!this.running) finish(() => reject(new Error(`the bot exited before ${what}:\n${this.output}`)));
      };
      const timer = setTimeout(
        () => finish(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}:\n${this.output}`))),
        timeoutMs,
      );
      this.listeners.add(listener);
      listener();
    });
  }

  /** The first log line (from `from` on) matching: a message or a predicate. */
  waitForLog(match: LogMatch, { timeoutMs = 20_000, from = 0 } = {}): Promise<LogLine> {
    return this.waitUntil(() => this.logs.slice(from).find(matches(match)), `log line ${String(match)}`, timeoutMs);
  }

  findLogs(match: LogMatch): LogLine[] {
    return this.logs.filter(matches(match));
  }

  async waitForExit(timeoutMs = 20_000): Promise<Exit> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the bot did not exit within ${timeoutMs} ms:\n${this.output}`)), timeoutMs);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** SIGTERM, then the exit status (a clean stop is code 0). */
  async stop(timeoutMs = 20_000): Promise<Exit> {
    if (this.running) this.child.kill('SIGTERM');
    return this.waitForExit(timeoutMs);
  }

  /** For cleanup when something already failed: no grace. */
  kill(): void {
    if (this.running) this.child.kill('SIGKILL');
  }
}

/** The settings a self-hoster would set, pointed at the stand-in and a private store. */
export function botEnv(discord: LocalDiscord, workDir: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
    LAGEBILD_DATA_DIR: DATA_DIR,
    LAGEBILD_STORE: `sqlite:${join(workDir, 'lagebild.sqlite')}`,
    LOG_LEVEL: 'info',
    ...overrides,
  };
}

/** A fresh working directory (the bot's cwd and store); `remove()` deletes it. */
export function tempWorkDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `lagebild-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Starts the bot in gateway mode and waits until its session is ready. */
export async function startGatewayBot(discord: LocalDiscord, workDir: string, overrides: Record<string, string> = {}): Promise<BotProcess> {
  const bot = BotProcess.start(botEnv(discord, workDir, overrides), workDir);
  try {
    await bot.waitForLog('gateway session ready');
  } catch (error) {
    bot.kill();
    throw error;
  }
  return bot;
}
