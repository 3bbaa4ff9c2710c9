// The rules from Discord's docs that the spec lacks: a known good body passes, a known bad one
// is rejected by the field it breaks.
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { ApplicationCommandOptionType, InteractionContextType } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';

import { validateCommandDefinition, validateInteractionResponse, validateRequest } from '../../local-discord/contract/validate-request.js';
import { expectFlagged } from './flagged.js';

const stringOption = (name: string, extra: Record<string, unknown> = {}) => ({
  type: ApplicationCommandOptionType.String as const,
  name,
  description: `The ${name}`,
  ...extra,
});
const command = (extra: Record<string, unknown> = {}) => ({ name: 'alliance', description: 'Look up an alliance', ...extra });
const choices = (n: number, nameLength = 5) => Array.from({ length: n }, (_, i) => ({ name: `${i}`.padEnd(nameLength, 'x'), value: `v${i}` }));

describe('command definitions', () => {
  it('accepts a realistic command with localizations, subcommands and autocomplete', () => {
    const good = {
      name: 'alliance',
      name_localizations: { de: 'bündnis' },
      description: 'Look up an alliance',
      description_localizations: { de: 'Ein Bündnis nachschlagen', 'en-GB': 'Look up an alliance' },
      default_member_permissions: '32',
      contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
      options: [
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: 'show',
          description: 'Show one',
          options: [stringOption('name', { required: true, autocomplete: true }), stringOption('since')],
        },
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: 'list',
          description: 'List all',
          options: [stringOption('order', { choices: choices(3) })],
        },
      ],
    } satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;
    expect(validateCommandDefinition(good)).toEqual([]);
  });

  it.each([
    ['a space', 'two words'],
    ['33 characters', 'x'.repeat(33)],
    ['an emoji', 'alliance🛡'],
  ])('rejects a name with %s', (_, name) => {
    expectFlagged(validateCommandDefinition(command({ name })), '/name');
  });

  it('accepts names in other scripts and rejects uppercase, also in options', () => {
    expect(validateCommandDefinition(command({ name: 'сводка' }))).toEqual([]);
    expect(validateCommandDefinition(command({ name: 'समाचार' }))).toEqual([]);
    expectFlagged(validateCommandDefinition(command({ name: 'Alliance' })), '/name');
    expectFlagged(validateCommandDefinition(command({ options: [stringOption('Name')] })), '/options/0/name');
    const nested = command({ options: [{ type: 1, name: 'show', description: 'Show', options: [stringOption('bad name')] }] });
    expectFlagged(validateCommandDefinition(nested), '/options/0/options/0/name');
  });

  it('requires a description of 1–100 characters on a chat-input command', () => {
    expectFlagged(validateCommandDefinition({ name: 'alliance' }), '/description');
    expectFlagged(validateCommandDefinition(command({ description: '' })), '/description');
    expectFlagged(validateCommandDefinition(command({ description: 'x'.repeat(101) })), '/description');
  });

  it('leaves user and message commands to their own naming rules', () => {
    expect(validateCommandDefinition({ name: 'Report Message', type: 3 })).toEqual([]);
  });

  it('allows 25 options and rejects 26', () => {
    const options = (n: number) => Array.from({ length: n }, (_, i) => stringOption(`o${i}`));
    expect(validateCommandDefinition(command({ options: options(25) }))).toEqual([]);
    expectFlagged(validateCommandDefinition(command({ options: options(26) })), '/options');
  });

  it('allows 25 choices and rejects 26', () => {
    expect(validateCommandDefinition(command({ options: [stringOption('o', { choices: choices(25) })] }))).toEqual([]);
    expectFlagged(validateCommandDefinition(command({ options: [stringOption('o', { choices: choices(26) })] })), '/options/0/choices');
  });

  it('rejects a string choice value over 100 characters (the spec allows 6000)', () => {
    const option = stringOption('o', { choices: [{ name: 'long', value: 'x'.repeat(101) }] });
    expectFlagged(validateCommandDefinition(command({ options: [option] })), '/options/0/choices/0/value');
  });

  it('requires required options before optional ones', () => {
    const good = [stringOption('a', { required: true }), stringOption('b')];
    expect(validateCommandDefinition(command({ options: good }))).toEqual([]);
    const bad = [stringOption('a'), stringOption('b', { required: true })];
    expectFlagged(validateCommandDefinition(command({ options: bad })), '/options/1/required');
  });

  it('rejects autocomplete together with choices', () => {
    const option = stringOption('o', { autocomplete: true, choices: choices(2) });
    expectFlagged(validateCommandDefinition(command({ options: [option] })), '/options/0/autocomplete');
  });

  it('rejects duplicate option names at one level', () => {
    expectFlagged(validateCommandDefinition(command({ options: [stringOption('a'), stringOption('a')] })), '/options/1/name');
  });

  it("accepts only Discord's locales as localization keys", () => {
    expectFlagged(validateCommandDefinition(command({ name_localizations: { german: 'bündnis' } })), '/name_localizations/german');
    expectFlagged(validateCommandDefinition(command({ description_localizations: { en: 'Look up' } })), '/description_localizations/en');
    expectFlagged(validateCommandDefinition(command({ name_localizations: { de: 'Bündnis' } })), '/name_localizations/de');
  });

  it('counts the longest localization of each field toward the 8000 characters of a command', () => {
    // 4 options × 25 choices × (10 + 2) characters fit easily…
    const option = (i: number, localized?: string) =>
      stringOption(`o${i}`, {
        choices: choices(25, 10).map((c) => (localized ? { ...c, name_localizations: { de: localized } } : c)),
      });
    const short = command({ options: [0, 1, 2, 3].map((i) => option(i)) });
    expect(validateCommandDefinition(short)).toEqual([]);
    // …but with 100-character German names they count 4 × 25 × 100 = 10000.
    const long = command({ options: [0, 1, 2, 3].map((i) => option(i, 'ü'.repeat(100))) });
    expect(validateCommandDefinition(long)).toEqual([expect.stringMatching(/^\/: the command has \d+ characters/)]);
  });

  it('rejects a bulk overwrite that defines a name twice', () => {
    const body = [command(), command({ description: 'Again' })];
    expect(validateRequest('PUT', '/api/v10/applications/1/commands', [command()])).toEqual([]);
    expectFlagged(validateRequest('PUT', '/api/v10/applications/1/commands', body), '/1/name');
    expectFlagged(validateRequest('PUT', '/api/v10/applications/1/guilds/2/commands', [command({ name: 'Bad' })]), '/0/name');
  });
});

describe('messages and embeds', () => {
  const reply = (data: Record<string, unknown>) => ({ type: 4, data });
  const embed = (extra: Record<string, unknown> = {}) => ({ title: 'CSTO', description: 'Collective Security Treaty Organization', ...extra });

  it('accepts a realistic reply with embeds, fields and no pings', () => {
    const data = {
      embeds: [
        embed({ fields: [{ name: 'Members', value: 'Armenia, Belarus', inline: true }], footer: { text: 'Source: securnews' }, color: 0x3366cc }),
      ],
      allowed_mentions: { parse: [] },
      flags: 64,
    };
    expect(validateInteractionResponse(reply(data))).toEqual([]);
  });

  it('limits content to 2000 characters, also on channel messages where the spec says 4000', () => {
    expect(validateRequest('POST', '/channels/1/messages', { content: 'x'.repeat(2000) })).toEqual([]);
    expectFlagged(validateRequest('POST', '/channels/1/messages', { content: 'x'.repeat(2001) }), '/content');
    expectFlagged(validateInteractionResponse(reply({ content: 'x'.repeat(2001) })), '/data/content');
  });

  it('limits all embeds of a message to 6000 characters in total', () => {
    const half = embed({ title: undefined, description: 'x'.repeat(3000) });
    expect(validateInteractionResponse(reply({ embeds: [half, half] }))).toEqual([]);
    const over = [half, half, embed({ title: 'one more' })];
    expectFlagged(validateInteractionResponse(reply({ embeds: over })), '/data/embeds');
  });

  it('takes embed timestamps in the years Discord parses (0001 to 9999) and refuses the others', () => {
    const at = (timestamp: string) => validateRequest('POST', '/channels/1/messages', { embeds: [embed({ timestamp })] });
    for (const timestamp of ['2025-03-03T07:00:00.000Z', '1969-12-31T23:59:59.000Z', '0001-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z']) {
      expect(at(timestamp), timestamp).toEqual([]);
    }
    for (const timestamp of [
      '0000-01-01T00:00:00.000Z',
      '+010000-01-01T00:00:00.000Z',
      '-000001-01-01T00:00:00.000Z',
      'Mon, 03 Mar 2025 08:00:00 +0100',
    ]) {
      expectFlagged(at(timestamp), '/embeds/0/timestamp');
    }
  });

  it('applies the per-embed limits', () => {
    expectFlagged(validateInteractionResponse(reply({ embeds: [embed({ title: 'x'.repeat(257) })] })), '/data/embeds/0/title');
    expectFlagged(validateInteractionResponse(reply({ embeds: [embed({ description: 'x'.repeat(4097) })] })), '/data/embeds/0/description');
    const fields = Array.from({ length: 26 }, (_, i) => ({ name: `f${i}`, value: 'v' }));
    expectFlagged(validateInteractionResponse(reply({ embeds: [embed({ fields })] })), '/data/embeds/0/fields');
    expectFlagged(validateInteractionResponse(reply({ embeds: [embed({ fields: [{ name: '', value: 'v' }] })] })), '/data/embeds/0/fields/0/name');
    expectFlagged(
      validateInteractionResponse(reply({ embeds: [embed({ fields: [{ name: 'n', value: 'x'.repeat(1025) }] })] })),
      '/data/embeds/0/fields/0/value',
    );
    expectFlagged(validateInteractionResponse(reply({ embeds: [embed({ footer: { text: 'x'.repeat(2049) } })] })), '/data/embeds/0/footer/text');
    expectFlagged(validateInteractionResponse(reply({ embeds: [embed({ author: { name: 'x'.repeat(257) } })] })), '/data/embeds/0/author/name');
  });

  it('rejects misspelled fields the spec would let through', () => {
    expectFlagged(validateInteractionResponse(reply({ content: 'hi', ephemeral: true })), '/data/ephemeral');
    expectFlagged(validateRequest('POST', '/channels/1/messages', { content: 'hi', allowedMentions: { parse: [] } }), '/allowedMentions');
    expectFlagged(validateInteractionResponse(reply({ embeds: [embed({ colour: 1 })] })), '/data/embeds/0/colour');
    expectFlagged(
      validateInteractionResponse(reply({ embeds: [embed({ fields: [{ name: 'n', value: 'v', inLine: true }] })] })),
      '/data/embeds/0/fields/0/inLine',
    );
    expectFlagged(validateInteractionResponse(reply({ content: 'hi', allowed_mentions: { parse: [], role: ['1'] } })), '/data/allowed_mentions/role');
  });

  it('accepts the fields discord.js always sends (tts, enforce_nonce) on every kind of message', () => {
    const body = { content: 'hi', tts: false, enforce_nonce: false, allowed_mentions: { parse: [] } };
    expect(validateInteractionResponse(reply(body))).toEqual([]);
    expect(validateRequest('PATCH', '/webhooks/1/t/messages/%40original', body)).toEqual([]);
    expect(validateRequest('POST', '/webhooks/1/t?wait=true', body)).toEqual([]);
  });

  it('rejects parse "roles" together with a roles list', () => {
    expect(validateRequest('POST', '/channels/1/messages', { content: '<@&123>', allowed_mentions: { parse: [], roles: ['123'] } })).toEqual([]);
    const bad = { content: '<@&123>', allowed_mentions: { parse: ['roles'], roles: ['123'] } };
    expectFlagged(validateRequest('POST', '/channels/1/messages', bad), '/allowed_mentions/parse');
  });

  it('limits a nonce to 25 characters', () => {
    expect(validateRequest('POST', '/channels/1/messages', { content: 'a', nonce: 'n'.repeat(25), enforce_nonce: true })).toEqual([]);
    expectFlagged(validateRequest('POST', '/channels/1/messages', { content: 'a', nonce: 'n'.repeat(26) }), '/nonce');
  });

  it('requires something to show in a new message, but not in an edit', () => {
    expectFlagged(validateRequest('POST', '/channels/1/messages', { tts: false }), '/');
    expectFlagged(validateInteractionResponse(reply({ content: '' })), '/data');
    expectFlagged(validateInteractionResponse({ type: 4 }), '/data');
    expect(validateRequest('PATCH', '/webhooks/1/t/messages/@original', { flags: 0 })).toEqual([]);
    expect(validateInteractionResponse(reply({ embeds: [embed()] }))).toEqual([]);
  });

  it('lets a deferred reply set only the EPHEMERAL flag', () => {
    expect(validateInteractionResponse({ type: 5, data: { flags: 64 } })).toEqual([]);
    expectFlagged(validateInteractionResponse({ type: 5, data: { flags: 64 | 4 } }), '/data/flags');
  });
});

describe('autocomplete results', () => {
  it('accepts up to 25 choices and rejects 26', () => {
    expect(validateInteractionResponse({ type: 8, data: { choices: choices(25) } })).toEqual([]);
    expectFlagged(validateInteractionResponse({ type: 8, data: { choices: choices(26) } }), '/data/choices');
  });

  it('limits choice names to 1–100 and string values to 100 characters', () => {
    expectFlagged(validateInteractionResponse({ type: 8, data: { choices: [{ name: '', value: 'a' }] } }), '/data/choices/0/name');
    expectFlagged(validateInteractionResponse({ type: 8, data: { choices: [{ name: 'x'.repeat(101), value: 'a' }] } }), '/data/choices/0/name');
    expectFlagged(validateInteractionResponse({ type: 8, data: { choices: [{ name: 'a', value: 'x'.repeat(101) }] } }), '/data/choices/0/value');
  });
});
