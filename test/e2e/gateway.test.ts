// The real bot process in gateway mode against the local Discord stand-in:
// commands in both languages, autocomplete, misses, failures, real payload
// shapes, page buttons across a restart, and a graceful stop.
import type { APIChatInputApplicationCommandInteraction } from 'discord-api-types/v10';
import { InteractionResponseType, Locale } from 'discord-api-types/v10';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { LocalDiscord } from '../../local-discord/index.js';
import { startLocalDiscord, validateInteractionResponse } from '../../local-discord/index.js';
import { autocompleteInteraction, buttonInteraction, chatInputInteraction } from '../../src/discord/interaction-payloads.js';
import { t } from '../../src/i18n/t.js';
import { without } from '../support/without.js';
import type { BotProcess } from './bot-process.js';
import { startGatewayBot, tempWorkDir, TEST_TOKEN } from './bot-process.js';
import { allianceMemberNames, expertNamed } from './data-names.js';
import { buttonsOf, choicesOf, footerOf, isEphemeral, messageOf, textOf } from './replies.js';

describe('gateway mode: the real bot process against the stand-in', () => {
  let discord: LocalDiscord;
  let bot: BotProcess;
  const workDir = tempWorkDir('e2e-gateway');

  const commandPuts = () =>
    discord.requests.filter((r) => r.method === 'PUT' && r.path === `/api/v10/applications/${discord.applicationId}/commands`);

  beforeAll(async () => {
    discord = await startLocalDiscord({ token: TEST_TOKEN });
    bot = await startGatewayBot(discord, workDir.path);
  });

  afterEach(() => {
    // Every body the bot sent must be one Discord accepts.
    expect(discord.violations).toEqual([]);
  });

  afterAll(async () => {
    // Set in beforeAll, which may have failed before it got there.
    (bot as BotProcess | undefined)?.kill();
    await (discord as LocalDiscord | undefined)?.close();
    workDir.remove();
  });

  it('registers the slash commands once on the first start', async () => {
    await bot.waitForLog('slash commands registered');
    expect(commandPuts()).toHaveLength(1);
    expect(commandPuts()[0]?.status).toBe(200);
    expect(discord.commands.get('global')?.map((c) => c.name)).toEqual(expect.arrayContaining(['alliance', 'expert', 'summary']));
  });

  it.each([
    { locale: Locale.German, lang: 'de' as const },
    { locale: Locale.EnglishUS, lang: 'en' as const },
  ])('answers /alliance name:csto in the user’s language ($locale)', async ({ locale, lang }) => {
    const payload = chatInputInteraction({ ...discord.guildPlace(), locale }, { name: 'alliance', options: { name: 'csto' } });
    const { callback } = await discord.sendInteraction(payload);
    expect(callback.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(validateInteractionResponse(callback)).toEqual([]);
    const text = textOf(callback);
    expect(text).toContain(t(lang, 'label.members'));
    for (const member of allianceMemberNames('csto', lang)) expect(text).toContain(member);
    const other = lang === 'de' ? 'en' : 'de';
    const untranslated = allianceMemberNames('csto', other).filter((name) => !allianceMemberNames('csto', lang).includes(name));
    for (const name of untranslated) expect(text).not.toContain(name);
  });

  it('offers Barbieri when /expert name:bar is typed (autocomplete)', async () => {
    const payload = autocompleteInteraction(discord.guildPlace(), { name: 'expert', focused: 'name', value: 'bar' });
    const { callback } = await discord.sendInteraction(payload);
    expect(callback.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
    const choices = choicesOf(callback);
    const barbieri = expertNamed('Barbieri');
    expect(choices).toContainEqual({ name: barbieri.name.en, value: barbieri.id });
  });

  it('answers an unknown name privately with "did you mean"', async () => {
    const payload = chatInputInteraction({ ...discord.guildPlace(), locale: Locale.German }, { name: 'expert', options: { name: 'Barbiery' } });
    const { callback } = await discord.sendInteraction(payload);
    expect(isEphemeral(callback)).toBe(true);
    const content = messageOf(callback).content ?? '';
    expect(content).toContain(t('de', 'notFound.didYouMean'));
    expect(content).toContain(expertNamed('Barbieri').name.de);
  });

  it('answers an unexpected handler failure with a localized apology whose error id is in the log', async () => {
    // No data folder content makes a handler throw (the renderers keep every reply within
    // Discord's limits), so the failure comes from a payload missing data.name: a command
    // Discord never sends, which the dispatcher does not expect either.
    const payload = chatInputInteraction({ ...discord.guildPlace(), locale: Locale.German }, { name: 'alliance', options: { name: 'csto' } });
    const data = without(payload.data, 'name');
    const broken = { ...payload, data } as unknown as APIChatInputApplicationCommandInteraction;
    const { callback } = await discord.sendInteraction(broken);
    const logged = await bot.waitForLog((line) => line.interactionId === payload.id && typeof line.errorId === 'string');
    expect(logged.level).toBeGreaterThanOrEqual(50);
    const errorId = String(logged.errorId);
    expect(errorId).toMatch(/^[0-9a-f]{8}$/);
    expect(isEphemeral(callback)).toBe(true);
    expect(messageOf(callback).content).toBe(t('de', 'error.generic', { errorId }));
    expect(logged.err).toBeDefined();
  });

  it('handles payloads as Discord shapes them: DMs without member or guild_locale, partial autocomplete', async () => {
    const dm = chatInputInteraction(discord.dmPlace(), { name: 'alliance', options: { name: 'CSTO' } });
    expect(dm).not.toHaveProperty('member');
    expect(dm).not.toHaveProperty('guild_locale');
    expect(typeof dm.id).toBe('string');
    expect(typeof dm.user?.id).toBe('string');
    const answer = await discord.sendInteraction(dm);
    for (const member of allianceMemberNames('csto', 'en')) expect(textOf(answer.callback)).toContain(member);

    const partial = autocompleteInteraction(discord.dmPlace(), { name: 'alliance', focused: 'name', value: 'cs' });
    expect(partial.data.options).toEqual([expect.objectContaining({ name: 'name', value: 'cs', focused: true })]);
    const { callback } = await discord.sendInteraction(partial);
    expect(callback).toMatchObject({ type: InteractionResponseType.ApplicationCommandAutocompleteResult });
    expect(validateInteractionResponse(callback)).toEqual([]);
    const choices = choicesOf(callback);
    expect(choices.map((c) => c.value)).toContain('csto');
  });

  it('turns the page of an answer given before a restart, and does not register unchanged commands again', async () => {
    const payload = chatInputInteraction({ ...discord.guildPlace(), locale: Locale.German }, { name: 'alliance', options: { name: 'csto' } });
    const first = (await discord.sendInteraction(payload)).callback;
    const next = buttonsOf(first).find((b) => b.label === t('de', 'page.next'));
    expect(next?.disabled).toBe(false);
    const pages = /\/(\d+)/.exec(footerOf(first))?.[1];
    expect(footerOf(first)).toContain(t('de', 'page.indicator', { page: 1, pages: Number(pages) }));

    expect(await bot.stop()).toEqual({ code: 0, signal: null });
    const putsBefore = commandPuts().length;
    bot = await startGatewayBot(discord, workDir.path);
    await bot.waitForLog('slash commands unchanged; not registered again');
    expect(commandPuts()).toHaveLength(putsBefore);

    const press = buttonInteraction(discord.guildPlace(), { customId: next?.custom_id ?? '', message: { embeds: messageOf(first).embeds ?? [] } });
    const { callback } = await discord.sendInteraction(press);
    expect(callback.type).toBe(InteractionResponseType.UpdateMessage);
    expect(footerOf(callback)).toContain(t('de', 'page.indicator', { page: 2, pages: Number(pages) }));
    expect(textOf(callback)).not.toEqual(textOf(first));
  });

  it('still answers an interaction in flight when stopped with SIGTERM', async () => {
    const payload = chatInputInteraction(discord.guildPlace(), { name: 'summary' });
    // The first callback attempt is rate limited, so the answer is still pending when the signal arrives.
    discord.inject({ path: `/interactions/${payload.id}/`, kind: 'rate-limit', retryAfter: 1, times: 1 });
    const outcome = discord.sendInteraction(payload);
    await expect.poll(() => discord.requests.some((r) => r.path.includes(`/interactions/${payload.id}/`) && r.status === 429)).toBe(true);
    const logsBefore = bot.logs.length;
    const exit = bot.stop();
    const { callback } = await outcome;
    expect(callback.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(textOf(callback)).not.toBe('');
    expect(await exit).toEqual({ code: 0, signal: null });
    expect(bot.logs.slice(logsBefore).map((line) => line.msg)).toEqual(expect.arrayContaining(['shutting down', 'stopped']));
  });
});
