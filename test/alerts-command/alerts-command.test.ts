// /alerts through respond() with realistic guild payloads, the real subscription
// repository over an in-memory store, and a stub for Discord's lookups.
import {
  type APIChannel,
  type APIGuildMember,
  type APIOverwrite,
  type APIRole,
  ChannelType,
  Locale,
  OverwriteType,
  PermissionFlagsBits as P,
  type RESTPostAPIChannelMessageJSONBody,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RoleFlags,
} from 'discord-api-types/v10';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { definition as alertsDefinition } from '../../commands/alerts/definition.js';
import { type AlertsCommandDeps } from '../../commands/alerts/index.js';
import { createCommands } from '../../commands/index.js';
import { validateCommandDefinition } from '../../local-discord/contract/validate-request.js';
import {
  createSubscriptionRepository,
  MAX_SUBSCRIPTIONS_PER_GUILD,
  type Subscription,
  type SubscriptionRepository,
} from '../../src/alerts/subscriptions.js';
import type { ChannelLookup, DiscordLookups } from '../../src/discord/discord-lookups.js';
import { type InteractionPlace } from '../../src/discord/interaction-payloads.js';
import { t } from '../../src/i18n/t.js';
import type { RespondDeps } from '../../src/interactions/respond.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { topicLabel } from '../../src/knowledge/topic-matcher.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { loadKb } from '../commands/harness.js';
import { alertsAutocomplete, alertsCommand, answer, choicesOf, MANAGE_GUILD, opt, resolvedChannel, textOf } from './harness.js';

const APP = '1100000000000000001';
const GUILD_A = '1200000000000000001';
const GUILD_B = '1200000000000000002';
const BOT_ROLE = '1300000000000000001';
const PING_ROLE = '1300000000000000002';
const QUIET_ROLE = '1300000000000000003';
const TEXT = '1400000000000000001';
const NEWS = '1400000000000000002';
const FORUM = '1400000000000000003';
const VOICE = '1400000000000000004';
const LOCKED = '1400000000000000005';
const THREAD = '1400000000000000006';
const B_TEXT = '1400000000000000009';
const TOPIC = 'csto-cohesion';

const role = (id: string, permissions: bigint, mentionable = false): APIRole =>
  ({
    id,
    name: `role-${id.slice(-1)}`,
    permissions: String(permissions),
    mentionable,
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- Discord still sends `color` next to `colors`, and so do these roles
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    position: 1,
    managed: false,
    // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- Discord sends 0 for no flags; the flag enum has no zero member
    flags: 0 as RoleFlags,
  }) satisfies APIRole;
const overwrite = (id: string, allow: bigint, deny: bigint): APIOverwrite => ({
  id,
  type: OverwriteType.Role,
  allow: String(allow),
  deny: String(deny),
});
const channel = (id: string, type: ChannelType, guildId: string, extra: object = {}): APIChannel =>
  ({ id, type, guild_id: guildId, name: `chan-${id.slice(-1)}`, position: 0, permission_overwrites: [], ...extra }) as APIChannel;

/** Two servers as Discord would describe them to the bot. */
function world() {
  const everyone = (guildId: string) => role(guildId, P.ViewChannel | P.SendMessages | P.SendMessagesInThreads);
  const roles: Record<string, APIRole[]> = {
    [GUILD_A]: [everyone(GUILD_A), role(BOT_ROLE, P.EmbedLinks), role(PING_ROLE, 0n, true), role(QUIET_ROLE, 0n)],
    [GUILD_B]: [everyone(GUILD_B), role(BOT_ROLE, P.EmbedLinks)],
  };
  const channels = new Map<string, APIChannel>(
    [
      channel(TEXT, ChannelType.GuildText, GUILD_A),
      channel(NEWS, ChannelType.GuildAnnouncement, GUILD_A),
      channel(FORUM, ChannelType.GuildForum, GUILD_A),
      channel(VOICE, ChannelType.GuildVoice, GUILD_A),
      channel(LOCKED, ChannelType.GuildText, GUILD_A, { permission_overwrites: [overwrite(BOT_ROLE, 0n, P.SendMessages | P.EmbedLinks)] }),
      channel(THREAD, ChannelType.PublicThread, GUILD_A, {
        parent_id: LOCKED,
        thread_metadata: { archived: false, auto_archive_duration: 60, archive_timestamp: '', locked: false },
      }),
      channel(B_TEXT, ChannelType.GuildText, GUILD_B),
    ].map((c) => [c.id, c]),
  );
  return { roles, channels };
}

function stubLookups(w: ReturnType<typeof world>, calls: string[]): DiscordLookups {
  return {
    channel(id): Promise<ChannelLookup> {
      calls.push(`channel ${id}`);
      const found = w.channels.get(id);
      return Promise.resolve(found ? { status: 'found', channel: found } : { status: 'unknown-channel' });
    },
    roles(guildId) {
      calls.push(`roles ${guildId}`);
      return Promise.resolve(w.roles[guildId] ?? []);
    },
    member(guildId, userId): Promise<APIGuildMember | undefined> {
      calls.push(`member ${guildId}`);
      return Promise.resolve(userId === APP ? ({ user: { id: APP }, roles: [BOT_ROLE] } as APIGuildMember) : undefined);
    },
    channelNames(guildId) {
      return Promise.resolve(
        [...w.channels.values()].filter((c) => 'guild_id' in c && c.guild_id === guildId).map((c) => ({ id: c.id, name: c.name ?? '' })),
      );
    },
  };
}

const place = (guildId: string, opts: { locale?: Locale; guildLocale?: Locale; permissions?: bigint } = {}): InteractionPlace => ({
  applicationId: APP,
  locale: opts.locale ?? Locale.EnglishUS,
  guild: { id: guildId, channelId: TEXT, locale: opts.guildLocale ?? Locale.EnglishUS, memberPermissions: opts.permissions ?? MANAGE_GUILD },
});

let kb: KnowledgeBase;
let store: Store;
let subscriptions: SubscriptionRepository;
let calls: string[];
let sent: { channelId: string; body: RESTPostAPIChannelMessageJSONBody }[];
let w: ReturnType<typeof world>;
let deps: RespondDeps;
let errors: string[];

beforeAll(async () => {
  kb = await loadKb();
});

beforeEach(async () => {
  store = await openStore('sqlite::memory:');
  subscriptions = createSubscriptionRepository(store);
  calls = [];
  sent = [];
  errors = [];
  w = world();
  const alerts: AlertsCommandDeps = {
    subscriptions,
    lookups: stubLookups(w, calls),
    botUserId: APP,
    postMessage(channelId, body) {
      sent.push({ channelId, body });
      return Promise.resolve();
    },
  };
  deps = { kb, commands: createCommands({ alerts }), log: { error: (_obj, msg) => void errors.push(msg) } };
});

afterEach(async () => {
  expect(errors).toEqual([]);
  await store.close();
});

const add = (p: InteractionPlace, channelId: string, type: ChannelType, extra: ReturnType<typeof opt.string>[] = []) =>
  alertsCommand(p, 'add', [opt.string('topic', TOPIC), opt.channel('channel', channelId), ...extra], resolvedChannel({ id: channelId, type }));

describe('the definition', () => {
  it('is for server managers, in servers only, with alert-capable channel types', () => {
    // Read as Discord gets it, not through the literal types the handlers use.
    const d: RESTPostAPIChatInputApplicationCommandsJSONBody = alertsDefinition;
    expect(validateCommandDefinition(d)).toEqual([]);
    expect(d.default_member_permissions).toBe(String(P.ManageGuild));
    expect(d.default_member_permissions).toBe('32');
    expect(d.contexts).toEqual([0]);
    const addOptions = d.options?.find((o) => o.name === 'add');
    const channelOption = addOptions && 'options' in addOptions ? addOptions.options?.find((o) => o.name === 'channel') : undefined;
    expect(channelOption && 'channel_types' in channelOption ? channelOption.channel_types : undefined).toEqual([0, 5, 10, 11, 12]);
  });

  it('names the subscription option "alert", the name the handlers and autocomplete read', () => {
    const optionNames = (sub: string) => {
      const found = alertsDefinition.options.find((o) => o.name === sub);
      return found?.options.map((o) => o.name);
    };
    for (const sub of ['remove', 'test', 'resume']) expect(optionNames(sub)).toEqual(['alert']);
    expect(optionNames('add')).toEqual(['topic', 'channel', 'role', 'language']);
  });
});

describe('/alerts add', () => {
  it('saves a subscription for the guild of the interaction, in the guild’s language by default', async () => {
    const response = await answer(add(place(GUILD_A, { guildLocale: Locale.German }), TEXT, ChannelType.GuildText), deps);
    const [saved] = await subscriptions.list(GUILD_A);
    expect(saved).toMatchObject({ guildId: GUILD_A, channelId: TEXT, topic: TOPIC, language: 'de', createdBy: '80351110224678912' });
    expect(saved?.roleId).toBeUndefined();
    const text = textOf(response);
    expect(text).toContain(topicLabel(kb, TOPIC, 'en'));
    expect(text).toContain(`<#${TEXT}>`);
    expect(text).toContain('German');
    expect(text).toContain(saved?.id);
    // The bot's permissions were computed for the target channel from Discord's data.
    expect(calls).toEqual(expect.arrayContaining([`channel ${TEXT}`, `roles ${GUILD_A}`, `member ${GUILD_A}`]));
  });

  it('answers in German to a German moderator, with the chosen language and role', async () => {
    const p = place(GUILD_A, { locale: Locale.German });
    const response = await answer(add(p, NEWS, ChannelType.GuildAnnouncement, [opt.role('role', PING_ROLE), opt.string('language', 'en')]), deps);
    const saved = await subscriptions.list(GUILD_A);
    expect(saved).toMatchObject([{ channelId: NEWS, roleId: PING_ROLE, language: 'en' }]);
    // The id belongs to the confirmation, not to the hint to try it.
    expect(textOf(response)).toContain(`Abo angelegt (ID \`${saved[0]?.id}\`): Neues zu **${topicLabel(kb, TOPIC, 'de')}**`);
    expect(textOf(response)).toContain(`, dabei wird <@&${PING_ROLE}> erwähnt`);
    expect(textOf(response)).toContain('Englisch');
  });

  it('resolves a typed name to the knowledge base’s id and refuses unknown topics', async () => {
    const csto = kb.resolve('alliance', 'CSTO');
    expect(csto).toBeDefined();
    const typed = alertsCommand(
      place(GUILD_A),
      'add',
      [opt.string('topic', 'csto'), opt.channel('channel', TEXT)],
      resolvedChannel({ id: TEXT, type: ChannelType.GuildText }),
    );
    await answer(typed, deps);
    expect((await subscriptions.list(GUILD_A))[0]?.topic).toBe(csto);
    const unknown = alertsCommand(place(GUILD_A), 'add', [opt.string('topic', 'zzqx'), opt.channel('channel', TEXT)]);
    expect(textOf(await answer(unknown, deps))).toContain('I know no topic, alliance, country, person, organisation or place called “zzqx”');
  });

  it('refuses members who may not manage the server, but lets administrators in', async () => {
    const plain = place(GUILD_A, { permissions: P.ViewChannel | P.SendMessages | P.UseApplicationCommands });
    expect(textOf(await answer(add(plain, TEXT, ChannelType.GuildText), deps))).toBe(t('en', 'alerts.notAllowed'));
    expect(await subscriptions.list(GUILD_A)).toEqual([]);
    expect(calls).toEqual([]);
    const admin = place(GUILD_A, { permissions: P.Administrator });
    expect(textOf(await answer(add(admin, TEXT, ChannelType.GuildText), deps))).toContain('Done');
  });

  it('refuses in DMs, where there is no server and no member', async () => {
    const dm: InteractionPlace = { applicationId: APP, locale: Locale.German };
    const response = await answer(alertsCommand(dm, 'list'), deps);
    expect(textOf(response)).toBe(t('de', 'alerts.guildOnly'));
  });

  it('explains forums without asking Discord, and rejects voice channels', async () => {
    const forum = textOf(await answer(add(place(GUILD_A), FORUM, ChannelType.GuildForum), deps));
    expect(forum).toContain('forum or media channel');
    expect(forum).toContain('text or announcement channel, or a thread');
    expect(calls).toEqual([]);
    // Without resolved data, the type Discord reports for the channel decides.
    const voice = alertsCommand(place(GUILD_A), 'add', [opt.string('topic', TOPIC), opt.channel('channel', VOICE)]);
    expect(textOf(await answer(voice, deps))).toContain(`<#${VOICE}> cannot show alerts`);
    expect(await subscriptions.list(GUILD_A)).toEqual([]);
  });

  it('names exactly the permissions the bot lacks in that channel, localized', async () => {
    const english = textOf(await answer(add(place(GUILD_A), LOCKED, ChannelType.GuildText), deps));
    expect(english).toContain('I am missing **Send Messages**, **Embed Links** there');
    expect(english).not.toContain('View Channel');
    const german = textOf(await answer(add(place(GUILD_A, { locale: Locale.German }), LOCKED, ChannelType.GuildText), deps));
    expect(german).toContain('weil mir dort Berechtigungen fehlen: **Nachrichten senden**, **Links einbetten**');
    expect(await subscriptions.list(GUILD_A)).toEqual([]);
  });

  it('checks a thread against its parent’s overwrites, needing Send Messages in Threads', async () => {
    // The parent denies Send Messages and Embed Links to the bot; threads need Send Messages in Threads instead.
    const text = textOf(await answer(add(place(GUILD_A), THREAD, ChannelType.PublicThread), deps));
    expect(text).toContain('I am missing **Embed Links** there');
    expect(calls).toContain(`channel ${LOCKED}`);
  });

  it('warns when the role will not be pinged, and not when it is mentionable', async () => {
    const deny = (c: APIChannel) => ({ ...c, permission_overwrites: [overwrite(A_EVERYONE, 0n, P.MentionEveryone)] }) as APIChannel;
    const A_EVERYONE = GUILD_A;
    w.channels.set(TEXT, deny(w.channels.get(TEXT) as APIChannel));
    const quiet = textOf(await answer(add(place(GUILD_A), TEXT, ChannelType.GuildText, [opt.role('role', QUIET_ROLE)]), deps));
    expect(quiet).toContain(`<@&${QUIET_ROLE}> is not mentionable and I lack **Mention @\u200beveryone, @\u200bhere, and All Roles**`);
    const pinged = textOf(await answer(add(place(GUILD_A), NEWS, ChannelType.GuildAnnouncement, [opt.role('role', PING_ROLE)]), deps));
    expect(pinged).not.toContain('not mentionable');
    const everyone = textOf(await answer(add(place(GUILD_A), NEWS, ChannelType.GuildAnnouncement, [opt.role('role', GUILD_A)]), deps));
    expect(everyone).toBe(t('en', 'alerts.problem.everyone-role'));
  });

  it('reports a duplicate and the per-server limit', async () => {
    await answer(add(place(GUILD_A), TEXT, ChannelType.GuildText), deps);
    const existing = (await subscriptions.list(GUILD_A))[0];
    const again = textOf(await answer(add(place(GUILD_A), TEXT, ChannelType.GuildText), deps));
    expect(again).toContain(`<#${TEXT}> already gets alerts`);
    expect(again).toContain(existing?.id);
    for (let i = 1; i < MAX_SUBSCRIPTIONS_PER_GUILD; i++) {
      await subscriptions.add({ ...(existing as Subscription), id: `s${i}`, topic: `topic-${i}` });
    }
    const full = textOf(await answer(add(place(GUILD_A), NEWS, ChannelType.GuildAnnouncement), deps));
    expect(full).toContain(`already has ${MAX_SUBSCRIPTIONS_PER_GUILD} alerts`);
    expect(await subscriptions.list(GUILD_A)).toHaveLength(MAX_SUBSCRIPTIONS_PER_GUILD);
  });
});

function subscription(guildId: string, id: string, extra: Partial<Subscription> = {}): Subscription {
  return {
    id,
    guildId,
    channelId: guildId === GUILD_A ? TEXT : B_TEXT,
    topic: TOPIC,
    language: 'en',
    createdBy: '1',
    createdAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  };
}

describe('one server cannot see or change another’s subscriptions', () => {
  it('lists, removes, tests and autocompletes only the own server’s', async () => {
    await subscriptions.add(subscription(GUILD_A, 'aaaa'));
    const b = place(GUILD_B);
    expect(textOf(await answer(alertsCommand(b, 'list'), deps))).toBe(t('en', 'alerts.list.empty'));
    expect(textOf(await answer(alertsCommand(b, 'remove', [opt.string('alert', 'aaaa')]), deps))).toContain('This server has no alert “aaaa”');
    expect(textOf(await answer(alertsCommand(b, 'test', [opt.string('alert', 'aaaa')]), deps))).toContain('This server has no alert “aaaa”');
    expect(choicesOf(await answer(alertsAutocomplete(b, 'remove', 'alert', ''), deps))).toEqual([]);
    expect(await subscriptions.list(GUILD_A)).toHaveLength(1);
    expect(sent).toEqual([]);
    // The own server sees and removes it.
    const a = place(GUILD_A);
    expect(choicesOf(await answer(alertsAutocomplete(a, 'remove', 'alert', ''), deps))).toEqual([
      { name: `${topicLabel(kb, TOPIC, 'en')} → #chan-1 (English)`, value: 'aaaa' },
    ]);
    expect(textOf(await answer(alertsCommand(a, 'remove', [opt.string('alert', 'aaaa')]), deps))).toContain(`no longer goes to <#${TEXT}>`);
    expect(await subscriptions.list(GUILD_A)).toEqual([]);
  });

  it('offers subscriptions to nobody who may not manage the server', async () => {
    await subscriptions.add(subscription(GUILD_A, 'aaaa'));
    const plain = place(GUILD_A, { permissions: P.ViewChannel });
    expect(choicesOf(await answer(alertsAutocomplete(plain, 'remove', 'alert', ''), deps))).toEqual([]);
  });
});

describe('/alerts list', () => {
  it('marks paused subscriptions with the reason and how to fix it', async () => {
    await subscriptions.add(subscription(GUILD_A, 'good', { roleId: PING_ROLE }));
    await subscriptions.add(subscription(GUILD_A, 'bad', { channelId: NEWS, language: 'de' }));
    await subscriptions.pause(GUILD_A, 'bad', { reason: 'missing-permissions', code: 50013 });
    const text = textOf(await answer(alertsCommand(place(GUILD_A), 'list'), deps));
    const lines = text.split('\n');
    const bad = lines.findIndex((l) => l.includes('`bad`'));
    expect(lines[bad]).toContain(`<#${NEWS}>`);
    expect(lines[bad + 1]).toMatch(/^⏸ \*\*Paused\*\* since <t:\d+:f>: I may not post in the channel$/);
    expect(lines.find((l) => l.includes('`good`'))).toContain(`<@&${PING_ROLE}>`);
    expect(text).not.toMatch(/`good`\n⏸/);
    expect(text).toContain('How to fix paused alerts');
    expect(text).toContain('/alerts resume');
    expect(text).toContain('(2/25)');
  });

  it('fits the most subscriptions a server can have, all paused, with the longest names', async () => {
    const longest = [
      ...kb.topics.map((x) => x.id),
      ...['alliance', 'country', 'person', 'expert'].flatMap((k) => kb.entitiesOfKind(k as 'alliance').map((e) => e.id)),
    ].sort((x, y) => topicLabel(kb, y, 'de').length - topicLabel(kb, x, 'de').length)[0] as string;
    const reasons = ['missing-access', 'missing-permissions', 'unknown-channel'] as const;
    for (let i = 0; i < MAX_SUBSCRIPTIONS_PER_GUILD; i++) {
      const id = `id-${String(i).padStart(5, '0')}`;
      await subscriptions.add(
        subscription(GUILD_A, id, { channelId: `14000000000000${String(i).padStart(5, '0')}`, topic: longest, roleId: PING_ROLE }),
      );
      await subscriptions.pause(GUILD_A, id, { reason: reasons[i % 3] as (typeof reasons)[number] });
    }
    // answer() checks Discord's limits.
    const text = textOf(await answer(alertsCommand(place(GUILD_A, { locale: Locale.German }), 'list'), deps));
    expect(text.match(/Pausiert/g)).toHaveLength(MAX_SUBSCRIPTIONS_PER_GUILD);
    expect(text).toContain('id-00024');
  });
});

describe('/alerts test and resume', () => {
  it('sends a sample alert that pings exactly the chosen role, or nobody', async () => {
    await subscriptions.add(subscription(GUILD_A, 'ping', { roleId: PING_ROLE, channelId: NEWS }));
    await subscriptions.add(subscription(GUILD_A, 'calm', { language: 'de' }));
    expect(textOf(await answer(alertsCommand(place(GUILD_A), 'test', [opt.string('alert', 'ping')]), deps))).toContain(
      `Test alert posted in <#${NEWS}>`,
    );
    await answer(alertsCommand(place(GUILD_A), 'test', [opt.string('alert', 'calm')]), deps);
    expect(sent.map((s) => [s.channelId, s.body.allowed_mentions])).toEqual([
      [NEWS, { parse: [], roles: [PING_ROLE] }],
      [TEXT, { parse: [] }],
    ]);
    const [ping, calm] = sent;
    expect(ping?.body.content).toMatch(new RegExp(`^<@&${PING_ROLE}>\n`));
    expect(calm?.body.content).toBe(t('de', 'alerts.testNote', { topic: topicLabel(kb, TOPIC, 'de') }));
    // The newest article about the topic, in the subscription's language.
    const article = kb.articlesAbout(TOPIC)[0];
    expect(calm?.body.embeds?.[0]?.title).toBeDefined();
    expect(article?.title.de).toContain(calm?.body.embeds?.[0]?.title?.replace(/\\/g, '').slice(0, 20));
  });

  it('does not send to a channel where the bot lacks permissions, and says which', async () => {
    await subscriptions.add(subscription(GUILD_A, 'lock', { channelId: LOCKED }));
    const text = textOf(await answer(alertsCommand(place(GUILD_A), 'test', [opt.string('alert', 'lock')]), deps));
    expect(text).toContain('I am missing **Send Messages**, **Embed Links** there');
    expect(sent).toEqual([]);
  });

  it('resumes a paused subscription only once its channel works', async () => {
    await subscriptions.add(subscription(GUILD_A, 'lock', { channelId: LOCKED }));
    await subscriptions.pause(GUILD_A, 'lock', { reason: 'missing-permissions', code: 50013 });
    const resume = alertsCommand(place(GUILD_A), 'resume', [opt.string('alert', 'lock')]);
    expect(textOf(await answer(resume, deps))).toContain('I am missing');
    expect((await subscriptions.get(GUILD_A, 'lock'))?.paused).toBeDefined();
    expect(choicesOf(await answer(alertsAutocomplete(place(GUILD_A), 'resume', 'alert', 'paus'), deps))).toEqual([
      { name: `${topicLabel(kb, TOPIC, 'en')} → #chan-5 (English) · paused`, value: 'lock' },
    ]);
    w.channels.set(LOCKED, { ...(w.channels.get(LOCKED) as APIChannel), permission_overwrites: [] } as APIChannel);
    expect(textOf(await answer(alertsCommand(place(GUILD_A), 'resume', [opt.string('alert', 'lock')]), deps))).toContain(
      `Alerts to <#${LOCKED}> run again`,
    );
    expect((await subscriptions.get(GUILD_A, 'lock'))?.paused).toBeUndefined();
  });
});

describe('autocomplete and missing services', () => {
  it('offers topics and entities by id', async () => {
    const choices = choicesOf(await answer(alertsAutocomplete(place(GUILD_A), 'add', 'topic', 'csto'), deps));
    expect(choices.length).toBeGreaterThan(0);
    for (const choice of choices) expect(kb.topic(String(choice.value)) ?? kb.entity(String(choice.value))).toBeDefined();
  });

  it('says alerts are off when the bot runs without them', async () => {
    const bare: RespondDeps = { kb, commands: createCommands(), log: deps.log };
    expect(textOf(await answer(alertsCommand(place(GUILD_A), 'list'), bare))).toBe(t('en', 'alerts.unavailable'));
  });
});
