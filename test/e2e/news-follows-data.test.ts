// Stored news follows the data, end to end: the real bot (HTTP mode, SQLite) reads a feed
// item naming a person only by a surname the data does not know yet; a curator then adds
// the surname as an alias, the bot reloads, and /news for that person lists the item —
// and does again after a restart, from what the store kept.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { type APIInteraction, Locale } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { InteractionKeys, LocalDiscord } from '../../local-discord/index.js';
import { generateInteractionKeys, startLocalDiscord } from '../../local-discord/index.js';
import { chatInputInteraction } from '../../src/discord/interaction-payloads.js';
import type { Entity } from '../../src/knowledge/schema.js';
import { copyData } from '../e2e-alerts/harness.js';
import { serve, startTestServer, type TestServer } from '../feeds/feed-test-server.js';
import { askHttpBot } from './ask-http-bot.js';
import { type HttpBot, startHttpBot, tempWorkDir, TEST_TOKEN } from './bot-process.js';

const PERSON = 'nikol-pashinyan';
const SURNAME = 'Paschinjan';
const title = `${SURNAME} kündigt eine neue Verfassung an`;

function rss(): string {
  const date = new Date(Date.now() - 60 * 60_000).toUTCString();
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Kaukasus-Ticker</title><language>de</language>
<item><title>${title}</title><link>https://ticker.example.org/verfassung</link><guid>v-1</guid><pubDate>${date}</pubDate><description>Ein Entwurf soll im Herbst vorliegen.</description></item>
</channel></rss>`;
}

describe('stored news matched again when the data names more', () => {
  let discord: LocalDiscord;
  let server: TestServer;
  let keys: InteractionKeys;
  let bot: HttpBot | undefined;
  const work = tempWorkDir('e2e-news-follows-data');
  const dataDir = copyData(work.path);
  const peopleFile = join(dataDir, 'entities', 'people.json');
  const people = readFileSync(peopleFile, 'utf8');
  const env = () => ({ LAGEBILD_DATA_DIR: dataDir, LAGEBILD_FEEDS: server.url('/ticker.rss'), LAGEBILD_FEED_INTERVAL_SECONDS: '60' });

  const ask = (interaction: APIInteraction): Promise<string> => askHttpBot(bot!.port, interaction, keys.privateKey);
  const news = (options: Record<string, string> = {}) =>
    ask(chatInputInteraction({ ...discord.guildPlace(), locale: Locale.German }, { name: 'news', options }));

  beforeAll(async () => {
    discord = await startLocalDiscord({ token: TEST_TOKEN });
    server = await startTestServer();
    server.route('/ticker.rss', serve(rss(), 'application/rss+xml; charset=utf-8'));
    keys = generateInteractionKeys();
    // The data as it was before a curator added the surname.
    const earlier = (JSON.parse(people) as Entity[]).map((entity) =>
      entity.id === PERSON ? { ...entity, aliases: entity.aliases.filter((alias) => alias.text !== SURNAME) } : entity,
    );
    writeFileSync(peopleFile, `${JSON.stringify(earlier, null, 2)}\n`);
    bot = await startHttpBot(discord, work.path, keys.publicKeyHex, env());
  }, 60_000);

  afterAll(async () => {
    bot?.bot.kill();
    await server.close();
    await discord.close();
    work.remove();
  });

  it('the item is read, but is not about the person while the data does not know the surname', async () => {
    await expect.poll(() => news(), { timeout: 15_000 }).toContain(title);
    expect(await news({ topic: PERSON })).not.toContain(title);
  });

  it('once the alias is added, the reload matches the stored item again and /news for the person lists it', async () => {
    writeFileSync(peopleFile, people);
    const rematched = await bot!.bot.waitForLog('stored news matched again with the changed data');
    expect(rematched).toMatchObject({ checked: 1, changed: 1 });
    await expect.poll(() => news({ topic: PERSON }), { timeout: 10_000, interval: 300 }).toContain(title);
  });

  it('after a restart the stored match holds, and the unchanged data is not matched again', async () => {
    bot!.bot.kill();
    await bot!.bot.waitForExit();
    bot = await startHttpBot(discord, work.path, keys.publicKeyHex, env());
    expect(await news({ topic: PERSON })).toContain(title);
    expect(bot.bot.findLogs('stored news matched again with the changed data')).toEqual([]);
  });
});
