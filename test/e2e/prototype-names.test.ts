// Issue 9: names that Object.prototype has (constructor, toString, __proto__,
// hasOwnProperty, …) are names like any other unknown one, never a handler. With
// the built CLI and the real bot process against the stand-in: a mistyped CLI line
// gets the usage and exit code 2; an interaction naming such a command, subcommand
// or option gets the unknown-command answer, and the bot logs no error.
import { spawnSync } from 'node:child_process';

import {
  type APIApplicationCommandInteractionDataOption,
  type APIChatInputApplicationCommandInteraction,
  type APIInteractionResponseCallbackData,
  ApplicationCommandOptionType,
  InteractionResponseType,
  Locale,
} from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type InteractionOutcome, type LocalDiscord, startLocalDiscord } from '../../local-discord/index.js';
import { REPO_ROOT } from '../../scripts/bot-process.js';
import { autocompleteInteraction, chatInputInteraction, type InteractionPlace } from '../../src/discord/interaction-payloads.js';
import { MANAGE_GUILD } from '../alerts-command/harness.js';
import { type BotProcess, startGatewayBot, tempWorkDir, TEST_TOKEN } from './bot-process.js';

const NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf'];
const UNKNOWN = 'I do not know the command';

describe('the CLI and names Object.prototype has', () => {
  it.each(NAMES)('`lagebild %s` prints the usage and exits 2', (name) => {
    const result = spawnSync(process.execPath, ['bin/lagebild.js', name], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^lagebild: unknown subcommand "${name}"\\n\\nUsage:`));
  });
});

describe('the bot and names Object.prototype has', () => {
  const work = tempWorkDir('e2e-prototype-names');
  let discord: LocalDiscord;
  let bot: BotProcess;

  const moderator = (): InteractionPlace => {
    const place = discord.guildPlace();
    return { ...place, locale: Locale.EnglishUS, guild: { ...(place.guild as NonNullable<typeof place.guild>), memberPermissions: MANAGE_GUILD } };
  };
  /** A chat-input interaction for /name with exactly these (raw) options. */
  const command = (name: string, options: APIApplicationCommandInteractionDataOption[]): APIChatInputApplicationCommandInteraction => {
    const base = chatInputInteraction(moderator(), { name });
    return { ...base, data: { ...base.data, options } };
  };
  const contentOf = ({ callback, message }: InteractionOutcome): string => {
    const data =
      callback.type === InteractionResponseType.ChannelMessageWithSource
        ? callback.data
        : (message as APIInteractionResponseCallbackData | undefined);
    return data?.content ?? '';
  };
  const errorLogs = () => bot.findLogs((line) => line.level >= 50);

  beforeAll(async () => {
    discord = await startLocalDiscord({ token: TEST_TOKEN });
    bot = await startGatewayBot(discord, work.path);
  });

  afterAll(async () => {
    bot.kill();
    await discord.close();
    work.remove();
  });

  it.each(NAMES)('answers /%s as an unknown command', async (name) => {
    expect(contentOf(await discord.sendInteraction(command(name, [])))).toContain(UNKNOWN);
    expect(errorLogs()).toEqual([]);
  });

  it.each(NAMES)('answers the subcommand /alerts %s as an unknown command', async (name) => {
    const outcome = await discord.sendInteraction(command('alerts', [{ name, type: ApplicationCommandOptionType.Subcommand, options: [] }]));
    expect(contentOf(outcome)).toContain(UNKNOWN);
    expect(errorLogs()).toEqual([]);
  });

  it.each(NAMES)('answers /alliance with an option named %s as an unknown command', async (name) => {
    const outcome = await discord.sendInteraction(
      command('alliance', [
        { name: 'name', type: ApplicationCommandOptionType.String, value: 'csto' },
        { name, type: ApplicationCommandOptionType.String, value: 'csto' },
      ]),
    );
    expect(contentOf(outcome)).toContain(UNKNOWN);
    expect(errorLogs()).toEqual([]);
  });

  it.each(NAMES)('offers nothing to autocomplete /alerts %s, and logs no error', async (name) => {
    const outcome = await discord.sendInteraction(
      autocompleteInteraction(moderator(), { name: 'alerts', subcommand: name, focused: 'topic', value: 'cs' }),
    );
    expect(outcome.callback).toEqual({ type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } });
    expect(errorLogs()).toEqual([]);
  });

  it('still answers the real commands', async () => {
    const outcome = await discord.sendInteraction(command('alliance', [{ name: 'name', type: ApplicationCommandOptionType.String, value: 'csto' }]));
    expect(contentOf(outcome)).not.toContain(UNKNOWN);
  });
});
