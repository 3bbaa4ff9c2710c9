// Topic alerts as a README reader sets them up, with the real bot process in
// gateway mode against the stand-in: moderators run /alerts add, an editor
// publishes an article with the CLI into the folder the bot watches, and the
// alert lands once in each subscribed channel, in the subscription's language.
import { join } from 'node:path';

import { type APIInteractionResponseCallbackData, ChannelType, InteractionResponseType, Locale } from 'discord-api-types/v10';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { type InteractionOutcome, type LocalChannel, type LocalDiscord, type LocalGuild, startLocalDiscord } from '../../local-discord/index.js';
import { OUTBOX } from '../../src/alerts/delivery.js';
import { articlePublicationId } from '../../src/alerts/publication.js';
import { PUBLISHED } from '../../src/alerts/publisher.js';
import { createSubscriptionRepository } from '../../src/alerts/subscriptions.js';
import { type InteractionPlace } from '../../src/discord/interaction-payloads.js';
import { t } from '../../src/i18n/t.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { alertsCommand, MANAGE_GUILD, opt, resolvedChannel } from '../alerts-command/harness.js';
import {
  alertsIn,
  type BotProcess,
  copyData,
  guilds,
  type NewArticle,
  publishArticle,
  recordName,
  startGatewayBot,
  tempWorkDir,
  TEST_TOKEN,
} from './harness.js';

const CSTO_ARTICLE: NewArticle = {
  id: 'e2e-2025-03-01-csto-exercise',
  title: { en: 'CSTO holds a staff exercise without Armenia', de: 'OVKS hält eine Stabsübung ohne Armenien ab' },
  topics: ['csto-cohesion'],
  entities: ['csto', 'armenia'],
  point: { en: 'Armenia stayed away from the exercise again.', de: 'Armenien blieb der Übung erneut fern.' },
  url: 'https://news.example.org/2025/03/csto-exercise',
};

const BORDER_ARTICLE: NewArticle = {
  id: 'e2e-2025-03-02-border-talks',
  title: { en: 'Bishkek and Dushanbe agree on more border talks', de: 'Bischkek und Duschanbe vereinbaren weitere Grenzgespräche' },
  topics: ['kyrgyzstan-tajikistan-border'],
  entities: ['kyrgyzstan', 'tajikistan'],
  point: { en: 'The talks continue in April.', de: 'Die Gespräche gehen im April weiter.' },
};

/** The text of the bot's reply: in the callback, or in the @original edit after a deferral. */
function contentOf({ callback, message }: InteractionOutcome): string {
  const data =
    callback.type === InteractionResponseType.ChannelMessageWithSource ? callback.data : (message as APIInteractionResponseCallbackData | undefined);
  return data?.content ?? '';
}

describe('topic alerts: the moderator flow against the stand-in', () => {
  const work = tempWorkDir('e2e-alerts-flow');
  const dataDir = copyData(work.path);
  const storePath = join(work.path, 'lagebild.sqlite');
  let discord: LocalDiscord;
  let bot: BotProcess;
  let store: Store;
  let guild: LocalGuild;
  let english: LocalChannel;
  let german: LocalChannel;
  /** Subscribed before the bot's first start: that start must not alert it about the archive. */
  let early: LocalChannel;
  let roleId: string;

  const channelMessages = () => [english, german, early].flatMap((c) => alertsIn(discord, c.id));
  const moderator = (locale: Locale): InteractionPlace => {
    const place = discord.guildPlace();
    return { ...place, locale, guild: { ...place.guild!, memberPermissions: MANAGE_GUILD } };
  };
  /** Resolves once the bot recorded the article as published (alerts queued, or none to queue). */
  const published = (articleId: string) =>
    expect.poll(() => store.namespace(PUBLISHED).has(articlePublicationId(articleId)), { timeout: 15_000, interval: 100 }).toBe(true);

  beforeAll(async () => {
    discord = await startLocalDiscord({ token: TEST_TOKEN });
    [guild] = guilds(discord) as [LocalGuild];
    const texts = guild.channels.filter((c) => c.type === ChannelType.GuildText);
    [english, german] = texts as [LocalChannel, LocalChannel];
    early = guild.channels.find((c) => c.type === ChannelType.GuildAnnouncement)!;
    roleId = guild.roles.find((r) => r.id !== guild.id && !r.managed)!.id;

    store = await openStore({ kind: 'sqlite', path: storePath });
    await createSubscriptionRepository(store).add({
      id: 'early1',
      guildId: guild.id,
      channelId: early.id,
      topic: 'csto-cohesion',
      language: 'en',
      createdBy: '80351110224678912',
      createdAt: new Date().toISOString(),
    });
    bot = await startGatewayBot(discord, work.path, { LAGEBILD_DATA_DIR: dataDir });
  });

  afterEach(() => {
    expect(discord.violations).toEqual([]);
  });

  afterAll(async () => {
    // Set in beforeAll, which may have failed before it got there.
    (bot as BotProcess | undefined)?.kill();
    await (store as Store | undefined)?.close();
    await (discord as LocalDiscord | undefined)?.close();
    work.remove();
  });

  it('takes a baseline on its first start: the articles already there alert nobody', async () => {
    const archive = 'securnews-2024-12-27-csto';
    await published(archive);
    expect(await store.namespace<{ baseline?: boolean }>(PUBLISHED).get(articlePublicationId(archive))).toMatchObject({ baseline: true });
    expect(await store.pending(OUTBOX)).toBe(0);
    expect(channelMessages()).toEqual([]);
  });

  it('subscribes channels with /alerts add: by entity id with a role, and by a German alias in German', async () => {
    const add = await discord.sendInteraction(
      alertsCommand(
        moderator(Locale.EnglishUS),
        'add',
        [opt.string('topic', 'csto'), opt.channel('channel', english.id), opt.role('role', roleId)],
        resolvedChannel(english),
      ),
    );
    expect(contentOf(add)).toContain(`will be posted in <#${english.id}> and ping <@&${roleId}>, in English`);

    const addGerman = await discord.sendInteraction(
      alertsCommand(
        moderator(Locale.German),
        'add',
        [opt.string('topic', 'OVKS'), opt.channel('channel', german.id), opt.string('language', 'de')],
        resolvedChannel(german),
      ),
    );
    expect(contentOf(addGerman)).toContain(`wird ab jetzt auf Deutsch in <#${german.id}> gepostet`);

    const list = await createSubscriptionRepository(store).list(guild.id);
    expect(list.map((s) => ({ channel: s.channelId, topic: s.topic, language: s.language, role: s.roleId }))).toEqual([
      { channel: early.id, topic: 'csto-cohesion', language: 'en', role: undefined },
      { channel: english.id, topic: 'csto', language: 'en', role: roleId },
      { channel: german.id, topic: 'csto', language: 'de', role: undefined },
    ]);
  });

  it('alerts each subscribed channel once when an article on the topic is published', async () => {
    const article = await publishArticle(join(work.path, 'csto.json'), dataDir, CSTO_ARTICLE);
    await expect.poll(() => channelMessages().length, { timeout: 15_000, interval: 100 }).toBe(3);
    await published(article.id);

    const [inEnglish] = alertsIn(discord, english.id);
    const embed = inEnglish?.embeds[0];
    expect(embed?.title).toBe(article.title.en);
    expect(embed?.url).toBe(article.url);
    expect(embed?.description).toBe(CSTO_ARTICLE.point.en);
    expect(embed?.fields?.[0]?.name).toBe(t('en', 'label.topics'));
    const names = embed?.fields?.[0]?.value.split(' · ') ?? [];
    // The subscribed topic first, then every other one the article is about.
    expect(names[0]).toBe(recordName('csto').en);
    expect(names).toEqual(expect.arrayContaining([...article.topics, ...article.entities].map((id) => recordName(id).en)));
    expect(inEnglish?.content).toBe(`<@&${roleId}>`);

    const [inGerman] = alertsIn(discord, german.id);
    expect(inGerman?.embeds[0]?.title).toBe(article.title.de);
    expect(inGerman?.embeds[0]?.description).toBe(CSTO_ARTICLE.point.de);
    expect(inGerman?.embeds[0]?.fields?.[0]?.name).toBe(t('de', 'label.topics'));
    expect(inGerman?.embeds[0]?.fields?.[0]?.value.split(' · ')[0]).toBe(recordName('csto').de);
    expect(inGerman?.content).toBe('');

    const [inEarly] = alertsIn(discord, early.id);
    expect(inEarly?.embeds[0]?.fields?.[0]?.value.split(' · ')[0]).toBe(recordName('csto-cohesion').en);

    // What the bot sent: only the chosen role may be pinged, nobody at all without one.
    const posts = (channel: LocalChannel) =>
      discord.requests.filter((r) => r.method === 'POST' && r.path === `/api/v10/channels/${channel.id}/messages`);
    expect(posts(english).map((r) => (r.body as { allowed_mentions?: unknown }).allowed_mentions)).toEqual([{ parse: [], roles: [roleId] }]);
    expect(posts(german).map((r) => (r.body as { allowed_mentions?: unknown }).allowed_mentions)).toEqual([{ parse: [] }]);
    expect(posts(early).map((r) => (r.body as { allowed_mentions?: unknown }).allowed_mentions)).toEqual([{ parse: [] }]);

    // Once: the outbox is empty and nothing more arrives.
    await expect.poll(() => store.pending(OUTBOX), { timeout: 10_000 }).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(channelMessages()).toHaveLength(3);
    expect(bot.findLogs('alert sent')).toHaveLength(3);
  });

  it('alerts nobody about an article on another topic', async () => {
    const before = channelMessages().length;
    const sentBefore = bot.findLogs('alert sent').length;
    const article = await publishArticle(join(work.path, 'border.json'), dataDir, BORDER_ARTICLE);
    await published(article.id);
    expect(await store.pending(OUTBOX)).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(channelMessages()).toHaveLength(before);
    expect(bot.findLogs('alert sent')).toHaveLength(sentBefore);
  });

  it('does not alert the same article again after a restart', async () => {
    expect(await bot.stop()).toEqual({ code: 0, signal: null });
    bot = await startGatewayBot(discord, work.path, { LAGEBILD_DATA_DIR: dataDir });
    await bot.waitForLog('knowledge base loaded');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(channelMessages()).toHaveLength(3);
    expect(await store.pending(OUTBOX)).toBe(0);
  });
});
