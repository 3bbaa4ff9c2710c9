// A real discord.js client logs in against the stand-in, receives READY/GUILD_CREATE and an
// interaction, and replies through the REST callback the stand-in validates.
import type { Interaction } from 'discord.js';
import { Client, Events, GatewayIntentBits, Locale, MessageFlags } from 'discord.js';
import { GatewayOpcodes } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { LocalDiscord } from '../../local-discord/index.js';
import { startLocalDiscord } from '../../local-discord/index.js';
import { autocompleteInteraction, chatInputInteraction } from '../../src/discord/interaction-payloads.js';

const TOKEN = 'test-token.discord-js';

describe('discord.js against the stand-in', () => {
  let discord: LocalDiscord;
  let client: Client;
  const handled: string[] = [];

  beforeAll(async () => {
    discord = await startLocalDiscord({ token: TOKEN, guilds: { guilds: 2 } });
    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.apiUrl } });
    client.on(Events.InteractionCreate, (interaction: Interaction) => {
      void respond(interaction).catch((error: unknown) => handled.push(`error: ${String(error)}`));
    });
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    await client.login(TOKEN);
    await ready;
  });

  async function respond(interaction: Interaction): Promise<void> {
    handled.push(interaction.id);
    if (interaction.isAutocomplete()) {
      const typed = interaction.options.getFocused();
      await interaction.respond([{ name: `${typed} (suggested)`, value: typed }]);
    } else if (interaction.isChatInputCommand() && interaction.commandName === 'slow') {
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await interaction.editReply({ content: 'done', allowedMentions: { parse: [] } });
    } else if (interaction.isChatInputCommand() && interaction.commandName === 'broken') {
      await interaction.reply({ content: 'x'.repeat(2001) });
    } else if (interaction.isChatInputCommand()) {
      const name = interaction.options.getString('name') ?? '?';
      await interaction.reply({ content: `You asked for ${name} in ${interaction.locale}`, allowedMentions: { parse: [] } });
    }
  }

  afterAll(async () => {
    await client.destroy();
    await discord.close();
  });

  it('logs in with the token and caches every guild from GUILD_CREATE', () => {
    expect(client.user?.id).toBe(discord.applicationId);
    expect([...client.guilds.cache.keys()].sort()).toEqual([...discord.world.guilds.keys()].sort());
    const [guild] = discord.world.guilds.values();
    expect(client.guilds.cache.get(guild?.id ?? '')?.channels.cache.size).toBe(guild?.channels.length);
    expect(discord.gateway.received.some((frame) => frame.op === GatewayOpcodes.Identify)).toBe(true);
  });

  it('delivers a slash command and receives a valid reply through the callback route', async () => {
    const payload = chatInputInteraction({ ...discord.guildPlace(1), locale: Locale.German }, { name: 'alliance', options: { name: 'csto' } });
    const outcome = await discord.sendInteraction(payload);
    expect(outcome.callback).toMatchObject({ type: 4, data: { content: 'You asked for csto in de' } });
    const callback = discord.requests.find((r) => r.path.includes(`/interactions/${payload.id}/`));
    expect(callback).toMatchObject({ method: 'POST', status: 204 });
    expect(callback?.headers).not.toHaveProperty('authorization');
    expect(discord.messages.at(-1)?.content).toBe('You asked for csto in de');
    expect(discord.violations).toEqual([]);
  });

  it('answers a DM interaction, which has a user and no member', async () => {
    const payload = chatInputInteraction(discord.dmPlace(), { name: 'alliance', options: { name: 'nato' } });
    expect(payload).not.toHaveProperty('member');
    expect(payload).not.toHaveProperty('guild_locale');
    const outcome = await discord.sendInteraction(payload);
    expect(outcome.callback).toMatchObject({ type: 4, data: { content: 'You asked for nato in en-US' } });
  });

  it('waits for the @original edit after a deferred reply', async () => {
    const outcome = await discord.sendInteraction(chatInputInteraction(discord.guildPlace(), { name: 'slow' }));
    expect(outcome.callback).toEqual({ type: 5, data: { flags: MessageFlags.Ephemeral } });
    expect(outcome.message).toMatchObject({ content: 'done', allowed_mentions: { parse: [] } });
    const edit = discord.requests.find((r) => r.method === 'PATCH' && r.path.includes('/messages/%40original'));
    expect(edit?.status).toBe(200);
  });

  it('passes the focused option of an autocomplete interaction', async () => {
    const payload = autocompleteInteraction(discord.guildPlace(), { name: 'expert', focused: 'name', value: 'barb' });
    const outcome = await discord.sendInteraction(payload);
    expect(outcome.callback).toEqual({ type: 8, data: { choices: [{ name: 'barb (suggested)', value: 'barb' }] } });
  });

  it('answers a reply that breaks Discord rules with 400 and records the violation', async () => {
    const payload = chatInputInteraction(discord.guildPlace(), { name: 'broken' });
    await expect(discord.sendInteraction(payload, 800)).rejects.toThrow(/did not answer/);
    const violation = discord.violations.find((v) => v.path.includes(payload.id));
    expect(violation?.violations.join('\n')).toMatch(/\/data\/content/);
    expect(handled.some((h) => /Invalid Form Body/.test(h))).toBe(true);
  });
});
