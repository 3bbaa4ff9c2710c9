// Inbound payload builders, HTTP-mode signing, the guild generator and the permission
// arithmetic the stand-in answers with.
import { ApplicationCommandOptionType, InteractionContextType, Locale, OverwriteType, PermissionFlagsBits } from 'discord-api-types/v10';
import { verifyKey } from 'discord-interactions';
import { describe, expect, it } from 'vitest';

import { generateInteractionKeys, signedInteractionRequest } from '../../local-discord/index.js';
import { generateWorld, guildCreatePayload, permissionsIn } from '../../local-discord/world.js';
import { autocompleteInteraction, buttonInteraction, chatInputInteraction, type InteractionPlace } from '../../src/discord/interaction-payloads.js';
import { makeUser } from '../../src/discord/interaction-payloads.js';

const APP = '1100000000000000001';
const guildPlace: InteractionPlace = {
  applicationId: APP,
  locale: Locale.German,
  guild: { id: '1200000000000000001', channelId: '1300000000000000001', locale: Locale.French, memberPermissions: PermissionFlagsBits.ManageGuild },
};
const dmPlace: InteractionPlace = { applicationId: APP };
const isSnowflake = (value: unknown) => typeof value === 'string' && /^\d{17,20}$/.test(value);

describe('interaction payloads', () => {
  it('builds a guild slash command with member, permissions, guild_locale and app_permissions', () => {
    const payload = chatInputInteraction(guildPlace, { name: 'alliance', options: { name: 'csto', limit: 3, ratio: 0.5, brief: true } });
    expect(isSnowflake(payload.id)).toBe(true);
    expect(payload).toMatchObject({
      application_id: APP,
      type: 2,
      version: 1,
      locale: 'de',
      guild_id: '1200000000000000001',
      guild_locale: 'fr',
      channel_id: '1300000000000000001',
      context: InteractionContextType.Guild,
      member: { permissions: String(PermissionFlagsBits.ManageGuild), user: { id: expect.any(String) as unknown } },
      app_permissions: expect.stringMatching(/^\d+$/) as unknown,
    });
    expect(payload).not.toHaveProperty('user');
    expect(payload.data.options).toEqual([
      { name: 'name', type: ApplicationCommandOptionType.String, value: 'csto' },
      { name: 'limit', type: ApplicationCommandOptionType.Integer, value: 3 },
      { name: 'ratio', type: ApplicationCommandOptionType.Number, value: 0.5 },
      { name: 'brief', type: ApplicationCommandOptionType.Boolean, value: true },
    ]);
  });

  it('builds a DM variant with user and without member, guild or guild_locale', () => {
    const payload = chatInputInteraction(dmPlace, { name: 'summary' });
    expect(payload).toMatchObject({ locale: 'en-US', context: InteractionContextType.BotDM, user: { id: expect.any(String) as unknown } });
    for (const field of ['member', 'guild_id', 'guild', 'guild_locale']) expect(payload).not.toHaveProperty(field);
  });

  it('gives every payload a fresh id and token', () => {
    const [a, b] = [chatInputInteraction(dmPlace, { name: 'help' }), chatInputInteraction(dmPlace, { name: 'help' })];
    expect(a.id).not.toBe(b.id);
    expect(a.token).not.toBe(b.token);
  });

  it('nests options under the subcommand and its group', () => {
    const payload = chatInputInteraction(dmPlace, { name: 'alerts', group: 'topic', subcommand: 'add', options: { topic: 'nato' } });
    expect(payload.data.options).toEqual([
      {
        name: 'topic',
        type: ApplicationCommandOptionType.SubcommandGroup,
        options: [
          {
            name: 'add',
            type: ApplicationCommandOptionType.Subcommand,
            options: [{ name: 'topic', type: ApplicationCommandOptionType.String, value: 'nato' }],
          },
        ],
      },
    ]);
  });

  it('marks the focused option of an autocomplete request and keeps its partial text', () => {
    const payload = autocompleteInteraction(guildPlace, {
      name: 'expert',
      options: { language: 'de', name: 'ignored' },
      focused: 'name',
      value: 'bar',
    });
    expect(payload.type).toBe(4);
    expect(payload.data.options).toEqual([
      { name: 'language', type: ApplicationCommandOptionType.String, value: 'de' },
      { name: 'name', type: ApplicationCommandOptionType.String, value: 'bar', focused: true },
    ]);
  });

  it('takes typed leaves as given, and leaves out `options` when a command has none, as Discord does', () => {
    const leaves = [{ name: 'channel', type: ApplicationCommandOptionType.Channel as const, value: '1300000000000000002' }];
    expect(chatInputInteraction(guildPlace, { name: 'alerts', subcommand: 'add', options: leaves }).data.options).toEqual([
      { name: 'add', type: ApplicationCommandOptionType.Subcommand, options: leaves },
    ]);
    expect(chatInputInteraction(dmPlace, { name: 'summary' }).data).not.toHaveProperty('options');
  });

  it('sends the focused option with its own type when given', () => {
    const payload = autocompleteInteraction(dmPlace, {
      name: 'alerts',
      subcommand: 'test',
      focused: 'limit',
      value: '3',
      focusedType: ApplicationCommandOptionType.Integer,
    });
    expect(payload.data.options).toEqual([
      {
        name: 'test',
        type: ApplicationCommandOptionType.Subcommand,
        options: [{ name: 'limit', type: ApplicationCommandOptionType.Integer, value: '3', focused: true }],
      },
    ]);
  });

  it('builds a button press carrying the message it was pressed on', () => {
    const payload = buttonInteraction(guildPlace, { customId: 'page:alliance:en:1:csto', message: { content: 'Page 1' } });
    expect(payload).toMatchObject({
      type: 3,
      data: { custom_id: 'page:alliance:en:1:csto', component_type: 2 },
      message: { content: 'Page 1', author: { id: APP } },
    });
  });
});

describe('signed HTTP-mode requests', () => {
  it('signs timestamp + body so that discord-interactions accepts it', async () => {
    const { privateKey, publicKeyHex } = generateInteractionKeys();
    expect(publicKeyHex).toMatch(/^[0-9a-f]{64}$/);
    const request = signedInteractionRequest({ type: 1 }, privateKey, 1_700_000_000);
    expect(request.headers['x-signature-timestamp']).toBe('1700000000');
    expect(await verifyKey(request.body, request.headers['x-signature-ed25519'], request.headers['x-signature-timestamp'], publicKeyHex)).toBe(true);
    expect(
      await verifyKey(request.body.replace('1', '2'), request.headers['x-signature-ed25519'], request.headers['x-signature-timestamp'], publicKeyHex),
    ).toBe(false);
    const other = generateInteractionKeys();
    expect(await verifyKey(request.body, request.headers['x-signature-ed25519'], request.headers['x-signature-timestamp'], other.publicKeyHex)).toBe(
      false,
    );
  });
});

describe('generated guilds', () => {
  const bot = makeUser(APP, 'lagebild', true);

  it('generates N guilds with C channels, R roles and M members, all ids unique', () => {
    const world = generateWorld(bot, { guilds: 4, channels: 50, roles: 20, members: 100 });
    expect(world.guilds.size).toBe(4);
    const guilds = [...world.guilds.values()];
    expect(guilds.every((g) => g.channels.length === 50 && g.roles.length === 20 && g.members.length === 100)).toBe(true);
    const ids = guilds.flatMap((g) => [
      g.id,
      ...g.channels.map((c) => c.id),
      ...g.roles.slice(1).map((r) => r.id),
      ...g.members.map((m) => m.user.id),
    ]);
    // The bot is a member of all four guilds: its id repeats three times.
    expect(new Set(ids).size).toBe(ids.length - 3);
    expect(world.channels.size).toBe(200);
    expect(guilds.every((g) => g.roles[0]?.id === g.id)).toBe(true);
  });

  it('builds a GUILD_CREATE with the full guild, members only when asked', () => {
    const world = generateWorld(bot, { members: 10 });
    const [guild] = world.guilds.values();
    if (!guild) throw new Error('no guild');
    const all = guildCreatePayload(guild, bot.id, true);
    expect(all).toMatchObject({ id: guild.id, member_count: 10, channels: guild.channels, roles: guild.roles });
    expect(all.members).toHaveLength(10);
    expect(guildCreatePayload(guild, bot.id, false).members.map((m) => m.user.id)).toEqual([bot.id]);
  });

  it("computes the bot's permissions like Discord: roles, then @everyone, role and member overwrites", () => {
    const world = generateWorld(bot, { members: 3 });
    const [guild] = world.guilds.values();
    const channel = guild?.channels[0];
    if (!guild || !channel || !('permission_overwrites' in channel)) throw new Error('no text channel');
    const can = (bit: bigint) => (permissionsIn(guild, channel, bot.id) & bit) === bit;
    expect(can(PermissionFlagsBits.SendMessages)).toBe(true);
    expect(can(PermissionFlagsBits.ManageGuild)).toBe(false);
    channel.permission_overwrites = [{ id: guild.id, type: OverwriteType.Role, allow: '0', deny: String(PermissionFlagsBits.SendMessages) }];
    expect(can(PermissionFlagsBits.SendMessages)).toBe(false);
    channel.permission_overwrites.push({ id: bot.id, type: OverwriteType.Member, allow: String(PermissionFlagsBits.SendMessages), deny: '0' });
    expect(can(PermissionFlagsBits.SendMessages)).toBe(true);
    expect(permissionsIn(guild, channel, guild.ownerId) & PermissionFlagsBits.Administrator).toBe(PermissionFlagsBits.Administrator);
    expect(permissionsIn(guild, channel, '1')).toBe(0n);
  });
});
