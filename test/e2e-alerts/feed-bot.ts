// The feed poller's interval is at least 60 seconds and it polls, as it starts, only
// feeds that are due. Rather than wait a minute, the feed tests stop the bot, move the
// feed's due time to now in the store (as if the interval had passed) and start it again.
import { expect } from 'vitest';

import type { LocalDiscord } from '../../local-discord/index.js';
import type { FeedStateStore } from '../../src/feeds/feed-poller.js';
import { type BotProcess, startGatewayBot } from '../e2e/bot-process.js';

/** One feed the bot polls, as a test sees it. */
export interface PolledFeed {
  state: FeedStateStore;
  url: string;
  /** How often the feed server has been asked for the feed so far. */
  fetches: () => number;
}

/** Makes the feed due now, as if the interval had passed. */
export async function makeDue(state: FeedStateStore, url: string): Promise<void> {
  const current = await state.getFeedState(url);
  if (current === undefined) throw new Error(`no state recorded for the feed ${url}`);
  await state.setFeedState(url, { ...current, nextPollAt: Date.now() });
}

/** Resolves once a poll of the feed has finished: its next poll is scheduled in the future. */
export async function feedPolled(state: FeedStateStore, url: string): Promise<void> {
  await expect.poll(async () => (await state.getFeedState(url))?.nextPollAt ?? 0, { timeout: 10_000 }).toBeGreaterThan(Date.now());
}

/**
 * Stops `bot` (it must exit cleanly), makes the feed due and starts the bot again with `start`;
 * resolves after the new process's first poll of the feed finished.
 */
export async function restartWithFeedDue(bot: BotProcess | undefined, feed: PolledFeed, start: () => Promise<void>): Promise<void> {
  expect(await bot?.stop()).toEqual({ code: 0, signal: null });
  await makeDue(feed.state, feed.url);
  const before = feed.fetches();
  await start();
  await expect.poll(feed.fetches, { timeout: 10_000 }).toBe(before + 1);
  await feedPolled(feed.state, feed.url);
}

/** What a FeedBot needs, read when it starts (a test's beforeAll sets these up). */
export interface FeedBotSetup {
  discord: LocalDiscord;
  workDir: string;
  feed: PolledFeed;
  /** More settings for the bot process. */
  env?: Record<string, string>;
}

/** The bot polling one feed every 60 s (the shortest interval the settings allow), started and restarted by a test. */
export class FeedBot {
  /** The last bot process started, if any. */
  bot: BotProcess | undefined;

  constructor(private readonly setup: () => FeedBotSetup) {}

  async start(): Promise<void> {
    const { discord, workDir, feed, env } = this.setup();
    this.bot = await startGatewayBot(discord, workDir, { LAGEBILD_FEEDS: feed.url, LAGEBILD_FEED_INTERVAL_SECONDS: '60', ...env });
  }

  /** Starts the bot again with the feed due now; resolves after its first poll of the feed finished. */
  restartWithFeedDue(): Promise<void> {
    return restartWithFeedDue(this.bot, this.setup().feed, () => this.start());
  }

  /** The bot process started last; a failed test if there is none. */
  get running(): BotProcess {
    if (this.bot === undefined) throw new Error('the bot was not started');
    return this.bot;
  }
}
