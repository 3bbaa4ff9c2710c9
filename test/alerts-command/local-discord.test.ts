// /alerts against the local Discord stand-in: a real @discordjs/rest client asks
// it for channels, roles and the bot's member, and posts the test alert there.
import { REST } from '@discordjs/rest';
import { type APIOverwrite, ChannelType, Locale, OverwriteType, PermissionFlagsBits as P } from 'discord-api-types/v10';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createCommands } from '../../commands/index.js';
import { type LocalChannel, type LocalDiscord, type LocalGuild, startLocalDiscord } from '../../local-discord/index.js';
import { createSubscriptionRepository, MAX_SUBSCRIPTIONS_PER_GUILD, type SubscriptionRepository } from '../../src/alerts/subscriptions.js';
import { alertsCommandDeps } from '../../src/app/build-context.js';
import { type InteractionPlace } from '../../src/discord/interaction-payloads.js';
import { t } from '../../src/i18n/t.js';
import type { RespondDeps } from '../../src/interactions/respond.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { topicLabel } from '../../src/knowledge/topic-matcher.js';
import { literal } from '../../src/render/text.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { loadKb } from '../commands/harness.js';
import { alertsAutocomplete, alertsCommand, answer, choicesOf, MANAGE_GUILD, opt, resolvedChannel, textOf } from './harness.js';

const TOKEN = 'test-token.alerts-command';
const TOPIC = 'csto-cohesion';

let discord: LocalDiscord;
let rest: REST;
let kb: KnowledgeBase;
let store: Store;
let subscriptions: SubscriptionRepository;
let deps: RespondDeps;
let errors: string[];
let guildA: LocalGuild;
let guildB: LocalGuild;

beforeAll(async () => {
  kb = await loadKb();
  discord = await startLocalDiscord({ token: TOKEN, guilds: { guilds: 2, locale: Locale.EnglishUS } });
  rest = new REST({ api: discord.apiUrl, retries: 0 }).setToken(TOKEN);
  [guildA, guildB] = [...discord.world.guilds.values()] as [LocalGuild, LocalGuild];
});

afterAll(async () => {
  await discord.close();
});

beforeEach(async () => {
  store = await openStore('sqlite::memory:');
  subscriptions = createSubscriptionRepository(store);
  errors = [];
  deps = {
    kb,
    commands: createCommands({ alerts: alertsCommandDeps(rest, subscriptions, discord.applicationId) }),
    log: { error: (obj, msg) => void errors.push(`${msg} ${JSON.stringify(obj)}`) },
  };
});

afterEach(async () => {
  expect(errors).toEqual([]);
  expect(discord.violations).toEqual([]);
  for (const guild of [guildA, guildB]) for (const c of guild.channels) (c as { permission_overwrites: APIOverwrite[] }).permission_overwrites = [];
  await store.close();
});

const channelOf = (guild: LocalGuild, type: ChannelType, nth = 0): LocalChannel => {
  const found = guild.channels.filter((c) => c.type === type)[nth];
  if (!found) throw new Error(`no channel of type ${type}`);
  return found;
};
const otherRole = (guild: LocalGuild) => guild.roles.find((r) => r.id !== guild.id && !r.managed) ?? guild.roles[0]!;
const botRole = (guild: LocalGuild) => guild.roles.find((r) => r.tags?.bot_id === discord.applicationId)!;
const deny = (channel: LocalChannel, overwrite: APIOverwrite) =>
  ((channel as { permission_overwrites: APIOverwrite[] }).permission_overwrites = [overwrite]);

function place(guild: LocalGuild, opts: { locale?: Locale; permissions?: bigint } = {}): InteractionPlace {
  const base = discord.guildPlace([...discord.world.guilds.values()].indexOf(guild));
  return { ...base, locale: opts.locale ?? Locale.EnglishUS, guild: { ...base.guild!, memberPermissions: opts.permissions ?? MANAGE_GUILD } };
}

function add(p: InteractionPlace, channel: LocalChannel, extra: ReturnType<typeof opt.string>[] = []) {
  return alertsCommand(p, 'add', [opt.string('topic', TOPIC), opt.channel('channel', channel.id), ...extra], resolvedChannel(channel));
}

describe('/alerts add against the stand-in', () => {
  it('adds in English after asking Discord for the channel, the roles and the bot’s member', async () => {
    const general = channelOf(guildA, ChannelType.GuildText);
    const before = discord.requests.length;
    const text = textOf(await answer(add(place(guildA), general), deps));
    expect(text).toContain(`Done: news on **${topicLabel(kb, TOPIC, 'en')}** will be posted in <#${general.id}>`);
    const asked = discord.requests.slice(before).map((r) => `${r.method} ${r.route} ${r.status}`);
    expect(asked).toEqual(
      expect.arrayContaining(['GET /channels/{channel_id} 200', 'GET /guilds/{guild_id}/roles 200', 'GET /guilds/{guild_id}/members/{user_id} 200']),
    );
    expect(await subscriptions.list(guildA.id)).toMatchObject([{ guildId: guildA.id, channelId: general.id, language: 'en' }]);
  });

  it('adds in German, for a German moderator', async () => {
    const news = channelOf(guildA, ChannelType.GuildAnnouncement);
    const text = textOf(await answer(add(place(guildA, { locale: Locale.German }), news, [opt.string('language', 'de')]), deps));
    expect(text).toMatch(/^Abo angelegt \(ID `[^`]+`\): /);
    expect(text).toContain(`Neues zu **${topicLabel(kb, TOPIC, 'de')}** wird ab jetzt auf Deutsch in <#${news.id}> gepostet.`);
  });

  it('refuses members without Manage Server, and DMs, without asking Discord', async () => {
    const before = discord.requests.length;
    const plain = place(guildA, { permissions: P.ViewChannel | P.SendMessages });
    expect(textOf(await answer(add(plain, channelOf(guildA, ChannelType.GuildText)), deps))).toBe(t('en', 'alerts.notAllowed'));
    expect(textOf(await answer(alertsCommand(discord.dmPlace(), 'list'), deps))).toBe(t('en', 'alerts.guildOnly'));
    expect(discord.requests.length).toBe(before);
  });

  it('explains a forum channel and rejects a voice channel', async () => {
    expect(textOf(await answer(add(place(guildA), channelOf(guildA, ChannelType.GuildForum)), deps))).toContain('forum or media channel');
    expect(textOf(await answer(add(place(guildA), channelOf(guildA, ChannelType.GuildVoice)), deps))).toContain('cannot show alerts');
    expect(await subscriptions.list(guildA.id)).toEqual([]);
  });

  it('names exactly the permissions the bot lacks in the target channel', async () => {
    const target = channelOf(guildA, ChannelType.GuildText, 1);
    deny(target, { id: botRole(guildA).id, type: OverwriteType.Role, allow: '0', deny: String(P.EmbedLinks) });
    expect(textOf(await answer(add(place(guildA), target), deps))).toContain(
      `I cannot post alerts in <#${target.id}>: I am missing **Embed Links** there.`,
    );
    // A channel the bot cannot see answers 403 (50001): View Channel is what is missing.
    deny(target, { id: guildA.id, type: OverwriteType.Role, allow: '0', deny: String(P.ViewChannel) });
    expect(textOf(await answer(add(place(guildA, { locale: Locale.German }), target), deps))).toContain(
      'weil mir dort Berechtigungen fehlen: **Kanal ansehen**.',
    );
    expect(await subscriptions.list(guildA.id)).toEqual([]);
  });

  it('refuses a channel of another server', async () => {
    const foreign = channelOf(guildB, ChannelType.GuildText);
    expect(textOf(await answer(add(place(guildA), foreign), deps))).toBe(t('en', 'alerts.problem.unknown-channel'));
  });

  it('reports a duplicate and the limit', async () => {
    const general = channelOf(guildA, ChannelType.GuildText);
    await answer(add(place(guildA), general), deps);
    expect(textOf(await answer(add(place(guildA), general), deps))).toContain('already gets alerts');
    const topics = kb.topics.map((x) => x.id).filter((id) => id !== TOPIC);
    const [first] = await subscriptions.list(guildA.id);
    for (let i = 1; i < MAX_SUBSCRIPTIONS_PER_GUILD; i++)
      await subscriptions.add({ ...first!, id: `fill${i}`, topic: `${topics[i % topics.length]}-${i}` });
    const full = textOf(await answer(add(place(guildA), channelOf(guildA, ChannelType.GuildAnnouncement)), deps));
    expect(full).toBe(t('en', 'alerts.limit', { limit: MAX_SUBSCRIPTIONS_PER_GUILD }));
  });
});

describe('/alerts list, remove, test against the stand-in', () => {
  it('keeps servers apart', async () => {
    await answer(add(place(guildA), channelOf(guildA, ChannelType.GuildText)), deps);
    const [own] = await subscriptions.list(guildA.id);
    const remove = alertsCommand(place(guildB), 'remove', [opt.string('alert', own!.id)]);
    // Ids are random base64url: one with "_" is shown escaped, as typed text always is.
    expect(textOf(await answer(remove, deps))).toContain(`This server has no alert “${literal(own!.id)}”`);
    expect(textOf(await answer(alertsCommand(place(guildB), 'list'), deps))).toBe(t('en', 'alerts.list.empty'));
    expect(choicesOf(await answer(alertsAutocomplete(place(guildB), 'test', 'alert', ''), deps))).toEqual([]);
    expect(await subscriptions.list(guildA.id)).toHaveLength(1);
    // Its own server's autocomplete names the channel as Discord calls it.
    const choices = choicesOf(await answer(alertsAutocomplete(place(guildA), 'test', 'alert', ''), deps));
    expect(choices).toEqual([
      { name: `${topicLabel(kb, TOPIC, 'en')} → #${channelOf(guildA, ChannelType.GuildText).name} (English)`, value: own!.id },
    ]);
  });

  it('lists a paused subscription with its reason and fix', async () => {
    await answer(add(place(guildA), channelOf(guildA, ChannelType.GuildText)), deps);
    await answer(add(place(guildA), channelOf(guildA, ChannelType.GuildAnnouncement)), deps);
    const [, second] = await subscriptions.list(guildA.id);
    await subscriptions.pause(guildA.id, second!.id, { reason: 'missing-access', code: 50001 });
    const text = textOf(await answer(alertsCommand(place(guildA, { locale: Locale.German }), 'list'), deps));
    expect(text.match(/Pausiert/g)).toHaveLength(1);
    expect(text).toMatch(new RegExp(`\`${second!.id}\`\\n⏸ \\*\\*Pausiert\\*\\* seit <t:\\d+:f>: Ich kann den Kanal nicht sehen`));
    expect(text).toContain(t('de', 'alerts.fix.missing-access'));
  });

  it('posts a test alert that pings exactly the chosen role, or nobody', async () => {
    const role = otherRole(guildA);
    role.mentionable = true;
    const news = channelOf(guildA, ChannelType.GuildAnnouncement);
    const general = channelOf(guildA, ChannelType.GuildText);
    await answer(add(place(guildA), news, [opt.role('role', role.id)]), deps);
    await answer(add(place(guildA), general), deps);
    const [withRole, without] = await subscriptions.list(guildA.id);
    for (const s of [withRole!, without!]) {
      const text = textOf(await answer(alertsCommand(place(guildA), 'test', [opt.string('alert', s.id)]), deps));
      expect(text).toContain(`Test alert posted in <#${s.channelId}>`);
    }
    const posts = discord.requests.filter((r) => r.method === 'POST' && r.route === '/channels/{channel_id}/messages' && r.status === 200);
    expect(posts.map((r) => (r.body as { allowed_mentions?: unknown }).allowed_mentions)).toEqual([{ parse: [], roles: [role.id] }, { parse: [] }]);
    const inNews = discord.messages.filter((m) => m.channel_id === news.id);
    expect(inNews).toHaveLength(1);
    expect(inNews[0]?.content.startsWith(`<@&${role.id}>`)).toBe(true);
    expect(inNews[0]?.embeds).toHaveLength(1);
    expect(discord.messages.filter((m) => m.channel_id === general.id)[0]?.content).not.toMatch(/<@/);
    role.mentionable = false;
  });

  it('tells what Discord said when it refuses the test alert after all', async () => {
    const general = channelOf(guildA, ChannelType.GuildText);
    await answer(add(place(guildA), general), deps);
    const [sub] = await subscriptions.list(guildA.id);
    discord.inject({ kind: 'missing-permissions', method: 'POST', path: `/channels/${general.id}/messages` });
    const text = textOf(await answer(alertsCommand(place(guildA), 'test', [opt.string('alert', sub!.id)]), deps));
    expect(text).toBe(t('en', 'alerts.testRefused', { channel: general.id, reason: t('en', 'alerts.pause.missing-permissions') }));
  });

  it('warns that a role will not be pinged when it is not mentionable and the bot may not mention all roles', async () => {
    const role = otherRole(guildA);
    const general = channelOf(guildA, ChannelType.GuildText);
    deny(general, { id: guildA.id, type: OverwriteType.Role, allow: '0', deny: String(P.MentionEveryone) });
    const text = textOf(await answer(add(place(guildA), general, [opt.role('role', role.id)]), deps));
    expect(text).toContain(`<@&${role.id}> is not mentionable`);
    expect(await subscriptions.list(guildA.id)).toHaveLength(1);
  });
});
