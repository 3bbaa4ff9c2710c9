// A news feed configured with LAGEBILD_FEEDS, served from a local HTTP server, with
// the real bot process: the first poll only records what the feed holds, and a new
// item naming "OVKS" alerts the channel subscribed to the CSTO once.
//
// LAGEBILD_FEED_INTERVAL_SECONDS is at least 60, and the poller polls when it starts
// but only feeds that are due. Rather than wait a minute, the test stops the bot and
// moves the feed's due time to now in the store (as if the minute had passed), then
// starts it again. Every item read becomes a news item that /news, /country and /search answer.
import { join } from 'node:path';

import { Locale } from 'discord-api-types/v10';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { validateInteractionResponse } from '../../local-discord/contract/validate-request.js';
import { type LocalChannel, type LocalDiscord, startLocalDiscord } from '../../local-discord/index.js';
import { createStoreFeedStateStore } from '../../src/alerts/feed-publications.js';
import { chatInputInteraction } from '../../src/discord/interaction-payloads.js';
import type { FeedStateStore } from '../../src/feeds/feed-poller.js';
import { t } from '../../src/i18n/t.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { textOf } from '../e2e/replies.js';
import { serve, startTestServer, type TestServer } from '../feeds/feed-test-server.js';
import { tearDown } from '../support/teardown.js';
import { FeedBot } from './feed-bot.js';
import { alertsIn, guilds, recordName, subscribe, tempWorkDir, TEST_TOKEN } from './harness.js';

interface Item {
  guid: string;
  title: string;
  description: string;
}

function rss(items: readonly Item[]): string {
  const entries = items.map(
    (item) =>
      `<item><title>${item.title}</title><link>https://ost.example.org/${item.guid}.html</link><guid isPermaLink="false">${item.guid}</guid>` +
      `<pubDate>Mon, 03 Mar 2025 08:00:00 +0100</pubDate><description>${item.description}</description></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Ost-Nachrichten</title><link>https://ost.example.org/</link><description>Test</description>${entries.join('')}</channel></rss>`;
}

const OLD: Item[] = [
  { guid: 'ost-1', title: 'OVKS-Gipfel in Minsk vertagt', description: 'Das Treffen der Staatschefs findet später statt.' },
  { guid: 'ost-2', title: 'Hochwasser an der Oder', description: 'Pegel sinken langsam.' },
];
const NEW_OVKS: Item = { guid: 'ost-3', title: 'Kasachstan lädt zur OVKS-Übung ein', description: 'Die Übung soll im Herbst stattfinden.' };
const NEW_OTHER: Item = { guid: 'ost-4', title: 'Neue Fährverbindung über die Ostsee', description: 'Ab Mai dreimal wöchentlich.' };

describe('topic alerts from a news feed', () => {
  const work = tempWorkDir('e2e-alerts-feed');
  let discord: LocalDiscord;
  let server: TestServer;
  let store: Store;
  let feedState: FeedStateStore;
  let channel: LocalChannel;
  let feedUrl: string;

  const fetches = () => server.requests.filter((r) => r.path === '/ost.rss').length;
  // The items are dated March 2025: kept as news items for long enough to be answered.
  const env = { LAGEBILD_SEEN_HORIZON_DAYS: '36500', LAGEBILD_NEWS_RETENTION_DAYS: '36500' };
  const poller = new FeedBot(() => ({ discord, workDir: work.path, feed: { state: feedState, url: feedUrl, fetches }, env }));

  beforeAll(async () => {
    discord = await startLocalDiscord({ token: TEST_TOKEN });
    server = await startTestServer();
    feedUrl = server.url('/ost.rss');
    server.route('/ost.rss', serve(rss(OLD), 'application/rss+xml; charset=utf-8'));
    const guild = guilds(discord)[0]!;
    channel = guild.channels[0]!;
    store = await openStore({ kind: 'sqlite', path: join(work.path, 'lagebild.sqlite') });
    feedState = createStoreFeedStateStore(store);
    await subscribe(store, {
      id: 'feedsub1',
      guildId: guild.id,
      channelId: channel.id,
      topic: 'csto',
      language: 'de',
    });
  });

  afterEach(() => {
    expect(discord.violations).toEqual([]);
  });

  // Set in beforeAll, which may have failed before it got there.
  afterAll(() => tearDown(poller.bot, [store, server, discord], work));

  it('records the feed on the first poll without alerting', async () => {
    await poller.start();
    await poller.running.waitForLog('polling news feeds');
    await expect.poll(async () => (await feedState.getFeedState(feedUrl))?.primed, { timeout: 10_000 }).toBe(true);
    expect(fetches()).toBe(1);
    // An old item names the CSTO ("OVKS"), and a channel is subscribed: still no alert.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(alertsIn(discord, channel.id)).toEqual([]);
  });

  it('alerts once for a new item naming "OVKS", and not for a new item on nothing subscribed', async () => {
    server.route('/ost.rss', serve(rss([NEW_OTHER, NEW_OVKS, ...OLD]), 'application/rss+xml; charset=utf-8'));
    await poller.restartWithFeedDue();
    await expect.poll(() => alertsIn(discord, channel.id).length, { timeout: 10_000 }).toBe(1);
    const embed = alertsIn(discord, channel.id)[0]?.embeds[0];
    expect(embed?.title).toBe(NEW_OVKS.title);
    expect(embed?.url).toBe(`https://ost.example.org/${NEW_OVKS.guid}.html`);
    expect(embed?.description).toBe(NEW_OVKS.description);
    // Matched by name in the feed's text, listed under the subscription's (German) name.
    expect(embed?.fields?.[0]?.value.split(' · ')[0]).toBe(recordName('csto').de);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(alertsIn(discord, channel.id)).toHaveLength(1);
  });

  it('answers the new item in /news, /country and /search, as news apart from the articles', async () => {
    const ask = async (name: string, options: Record<string, string>) => {
      const { callback } = await discord.sendInteraction(chatInputInteraction({ ...discord.guildPlace(), locale: Locale.German }, { name, options }));
      expect(validateInteractionResponse(callback)).toEqual([]);
      return textOf(callback);
    };
    expect(await ask('news', {})).toContain(NEW_OVKS.title);
    const kazakhstan = await ask('country', { name: 'kazakhstan' });
    expect(kazakhstan).toContain(t('de', 'label.latestNews'));
    expect(kazakhstan).toContain(NEW_OVKS.title);
    expect(await ask('search', { query: 'Fährverbindung' })).toContain(NEW_OTHER.title);
  });

  it('does not alert the same item again on the next poll', async () => {
    await poller.restartWithFeedDue();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(alertsIn(discord, channel.id)).toHaveLength(1);
    expect(poller.running.findLogs('alert sent')).toEqual([]);
  });
});
