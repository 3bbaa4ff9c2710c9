// Issue 9: dates Discord refuses, and no silent 400s. The real bot process (gateway
// mode, the local stand-in validating every request as Discord would):
// - feed items dated in years Discord cannot read (0000, 10000, -1) still alert, with
//   the date left out of the embed;
// - a delivery Discord refuses with 400 (here one queued by an earlier version with a
//   year-0000 timestamp) is a bug of ours: logged with the payload's shape (field names
//   and lengths, no content), and kept in the store as failed, with the reason, where
//   `lagebild alerts failed` shows it, instead of being dropped without trace.
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type LocalChannel, type LocalDiscord, startLocalDiscord } from '../../local-discord/index.js';
import { type Delivery, deliveryId, OUTBOX } from '../../src/alerts/delivery.js';
import { createStoreFeedStateStore } from '../../src/alerts/feed-publications.js';
import { IDENTITY_SCHEME } from '../../src/feeds/item-identity.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { serve, startTestServer, type TestServer } from '../feeds/feed-test-server.js';
import { tearDown } from '../support/teardown.js';
import { alertsIn, type BotProcess, cli, guilds, startGatewayBot, subscribe, tempWorkDir, TEST_TOKEN } from './harness.js';

const DATES = ['0000-01-01T00:00:00Z', '+010000-01-01T00:00:00Z', '-000001-06-01T00:00:00Z'];
const SECRET_TITLE = 'OVKS: geheimer Titel, der nie im Log stehen darf';

function atom(): string {
  const entries = DATES.map(
    (date, i) =>
      `<entry><id>urn:odd-date:${i}</id><title>OVKS-Meldung ${i}</title><link href="https://odd.example.org/${i}.html"/>` +
      `<updated>${date}</updated><summary>Datum ${date}</summary></entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Odd dates</title><id>urn:odd</id><updated>2025-03-03T08:00:00Z</updated>${entries.join('')}</feed>`;
}

describe('dates Discord refuses, and 400s from Discord on alerts (real bot)', () => {
  const work = tempWorkDir('e2e-alerts-dates');
  const storePath = join(work.path, 'lagebild.sqlite');
  let discord: LocalDiscord | undefined;
  let server: TestServer | undefined;
  let store: Store | undefined;
  let bot: BotProcess | undefined;
  let channel: LocalChannel;
  let refusedId: string;

  beforeAll(async () => {
    const local = await startLocalDiscord({ token: TEST_TOKEN });
    discord = local;
    const feeds = await startTestServer();
    server = feeds;
    feeds.route('/odd.atom', serve(atom(), 'application/atom+xml; charset=utf-8'));
    const guild = guilds(local)[0];
    if (!guild?.channels[0]) throw new Error('the stand-in has no channel');
    channel = guild.channels[0];
    const opened = await openStore({ kind: 'sqlite', path: storePath });
    store = opened;
    await subscribe(opened, { id: 'datesub1', guildId: guild.id, channelId: channel.id, topic: 'csto', language: 'de' });
    // The feed was recorded before (primed, under today's identity scheme) but none of these items: each is new.
    await createStoreFeedStateStore(opened).setFeedState(feeds.url('/odd.atom'), {
      failures: 0,
      nextPollAt: 0,
      primed: true,
      identityScheme: IDENTITY_SCHEME,
    });
    // A delivery an earlier version queued with a timestamp Discord refuses.
    refusedId = deliveryId('feed:0123456789ab:urn:old', 'datesub1');
    const delivery: Delivery = {
      publicationId: 'feed:0123456789ab:urn:old',
      subscriptionId: 'datesub1',
      guildId: guild.id,
      channelId: channel.id,
      body: {
        embeds: [{ title: SECRET_TITLE, timestamp: '0000-01-01T00:00:00.000Z', footer: { text: 'Lagebild' } }],
        allowed_mentions: { parse: [] },
        nonce: 'olddelivery1',
        enforce_nonce: true,
      },
    };
    await opened.enqueue(OUTBOX, refusedId, delivery);
    bot = await startGatewayBot(local, work.path, { LAGEBILD_FEEDS: feeds.url('/odd.atom'), LAGEBILD_FEED_INTERVAL_SECONDS: '60' });
  });

  afterAll(() => tearDown(bot, [store, server, discord], work));

  it('posts every item dated in a year Discord cannot read, without the date', async () => {
    if (!discord || !bot) throw new Error('the set-up did not finish');
    const local = discord;
    await expect
      .poll(() => alertsIn(local, channel.id).filter((m) => m.embeds[0]?.title?.startsWith('OVKS-Meldung')).length, { timeout: 20_000 })
      .toBe(3);
    for (const message of alertsIn(local, channel.id).filter((m) => m.embeds[0]?.title?.startsWith('OVKS-Meldung'))) {
      expect(message.embeds[0]?.timestamp).toBeUndefined();
      expect(message.embeds[0]?.url).toMatch(/^https:\/\/odd\.example\.org\/\d\.html$/);
    }
  });

  it('keeps a delivery Discord refused with 400 as failed, logs its shape without its content, and shows it to the operator', async () => {
    if (!discord || !bot || !store) throw new Error('the set-up did not finish');
    const running = bot;
    const line = await running.waitForLog((l) => l.deliveryId === refusedId && l.level >= 50);
    expect(line).toMatchObject({ status: 400, code: 50035 });
    expect(line.shape).toMatchObject({ embeds: [{ title: SECRET_TITLE.length, timestamp: 24, footer: { text: 8 } }], nonce: 12 });
    expect(running.output).not.toContain(SECRET_TITLE);
    // Not retried: one refused request, recorded by the stand-in.
    expect(discord.violations.map((v) => v.violations)).toEqual([
      ['/embeds/0/timestamp: Could not parse 0000-01-01T00:00:00.000Z. Should be ISO8601. (years 0001 to 9999 only)'],
    ]);
    expect(await store.pending(OUTBOX)).toBe(0);

    const listed = await cli('alerts', 'failed', '--json', '--store', `sqlite:${storePath}`);
    expect(listed.code, listed.stderr).toBe(0);
    const failed = JSON.parse(listed.stdout) as { deliveryId: string; status: number; code: number; reason: string; delivery: Delivery }[];
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ deliveryId: refusedId, status: 400, code: 50035, delivery: { channelId: channel.id } });
    expect(failed[0]?.reason).toContain('timestamp');
    expect(await running.stop()).toEqual({ code: 0, signal: null });
  });
});
