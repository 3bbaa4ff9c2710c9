// Shared by the topic-alert end-to-end tests: a private copy of data/, new
// articles built from the data's own records, the CLI as a user runs it, a
// latency proxy in front of the stand-in, and reading the bot's delivery logs.
import { spawn } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ChannelType } from 'discord-api-types/v10';

import type { LocalChannel, LocalDiscord, LocalGuild } from '../../local-discord/index.js';
import { REPO_ROOT } from '../../scripts/bot-process.js';
import { createSubscriptionRepository, type Subscription } from '../../src/alerts/subscriptions.js';
import type { Language } from '../../src/i18n/language.js';
import type { Article } from '../../src/knowledge/schema.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import type { StoreTarget } from '../../src/store/store-url.js';
import { DATA_DIR, type LogLine } from '../e2e/bot-process.js';

export type { BotProcess } from '../e2e/bot-process.js';
export { DATA_DIR, startGatewayBot, tempWorkDir, TEST_TOKEN } from '../e2e/bot-process.js';
export { recordName } from '../e2e/data-names.js';

/** A private copy of the bundled data folder inside `workDir`, for a bot to watch and the CLI to publish into. */
export function copyData(workDir: string): string {
  const dir = join(workDir, 'data');
  cpSync(DATA_DIR, dir, { recursive: true });
  return dir;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI as a user would: `node bin/lagebild.js …` from the package folder.
 * Asynchronous, so servers in the test process (a feed, the stand-in) keep answering meanwhile.
 */
export function cli(...args: string[]): Promise<CliResult> {
  return cliWith({}, ...args);
}

/** The built CLI (see cli) with extra environment variables. */
export function cliWith(env: Record<string, string>, ...args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/lagebild.js', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface NewArticle {
  id: string;
  title: Record<Language, string>;
  topics: string[];
  entities: string[];
  /** One key point, both languages. */
  point: Record<Language, string>;
  url?: string;
}

/** A minimal valid article (one section, no quotes) as the data schema wants it. */
export function articleJson(spec: NewArticle): Article {
  return {
    id: spec.id,
    title: { original: spec.title.en, language: 'en', de: spec.title.de, en: spec.title.en },
    date: new Date().toISOString().slice(0, 10),
    publisher: 'Lagebild e2e',
    ...(spec.url ? { url: spec.url } : {}),
    language: 'en',
    paragraphCount: 3,
    topics: spec.topics,
    entities: spec.entities,
    summary: [{ text: spec.point, paragraph: 2 }],
    sections: [{ heading: { de: 'Einleitung', en: 'Introduction' }, paragraphs: [1, 3], keyPoints: [{ text: spec.point, paragraph: 2 }] }],
    quotes: [],
    timeline: [],
    corrections: [],
    notes: [],
  };
}

/** Writes the article to `file` and publishes it into `dataDir` with the CLI; fails unless it exits 0. */
export async function publishArticle(file: string, dataDir: string, spec: NewArticle): Promise<Article> {
  const article = articleJson(spec);
  writeFileSync(file, `${JSON.stringify(article, null, 2)}\n`);
  const result = await cli('publish', file, '--data', dataDir);
  if (result.code !== 0) throw new Error(`publish exited ${result.code}:\n${result.stdout}${result.stderr}`);
  return article;
}

/** A subscription as a test names it; who made it and when are filled in. */
export type TestSubscription = Omit<Subscription, 'createdBy' | 'createdAt'>;

/** Adds the subscription to `store` as a moderator would have made it now. */
export async function subscribe(store: Store, subscription: TestSubscription): Promise<void> {
  await createSubscriptionRepository(store).add({ ...subscription, createdBy: '80351110224678912', createdAt: new Date().toISOString() });
}

/** Opens the store at `target`, adds the subscription (see subscribe) and closes the store again. */
export async function subscribeIn(target: string | StoreTarget, subscription: TestSubscription): Promise<void> {
  const store = await openStore(target);
  try {
    await subscribe(store, subscription);
  } finally {
    await store.close();
  }
}

/** Channels an alert can be posted to (text and announcement) of a stand-in guild. */
export function postableChannels(guild: LocalGuild): LocalChannel[] {
  return guild.channels.filter((c) => c.type === ChannelType.GuildText || c.type === ChannelType.GuildAnnouncement);
}

export function guilds(discord: LocalDiscord): LocalGuild[] {
  return [...discord.world.guilds.values()];
}

/** Messages the bot posted to a channel itself (interaction replies come through a webhook). */
export function alertsIn(discord: LocalDiscord, channelId: string) {
  return discord.messages.filter((m) => m.channel_id === channelId && m.webhook_id === undefined);
}

/** What the delivery worker logged about sends, over every process of a test. */
export interface DeliveryLog {
  /** Log lines `{deliveryId, attempt, status}` of sends that succeeded. */
  sent: LogLine[];
  /** Sends that failed and were rescheduled. */
  retried: LogLine[];
  /** Highest attempt number logged per delivery. */
  attempts: Map<string, number>;
}

export function deliveryLog(lines: readonly LogLine[]): DeliveryLog {
  const sent = lines.filter((l) => l.msg === 'alert sent');
  const retried = lines.filter((l) => l.msg === 'alert not sent; will retry');
  const attempts = new Map<string, number>();
  for (const line of [...sent, ...retried]) {
    const id = String(line.deliveryId);
    attempts.set(id, Math.max(attempts.get(id) ?? 0, Number(line.attempt)));
  }
  return { sent, retried, attempts };
}
