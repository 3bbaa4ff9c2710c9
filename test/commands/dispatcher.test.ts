// respond(): every interaction type, real payload shapes, the error boundary.
import {
  type APIInteraction,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
} from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';

import type { SlashCommand } from '../../src/interactions/command.js';
import { argumentsOf, parseOptions } from '../../src/interactions/options.js';
import { respond } from '../../src/interactions/respond.js';
import { UserError } from '../../src/interactions/user-error.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { autocomplete, buttonPress, chatInput, choicesOf, expectSafe, loadKb, type LoggedError, messageOf, run, str } from './harness.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadKb();
});

/** A command with a subcommand and a number option that fails on demand. */
const probe: SlashCommand = {
  // The options the tests send, declared: the dispatcher answers undeclared ones as an unknown command.
  definition: {
    name: 'probe',
    description: 'test',
    type: ApplicationCommandType.ChatInput,
    options: [
      {
        name: 'group',
        description: 'test',
        type: ApplicationCommandOptionType.SubcommandGroup,
        options: [
          {
            name: 'run',
            description: 'test',
            type: ApplicationCommandOptionType.Subcommand,
            options: [{ name: 'count', description: 'test', type: ApplicationCommandOptionType.Integer, autocomplete: true }],
          },
        ],
      },
      { name: 'mode', description: 'test', type: ApplicationCommandOptionType.String },
      { name: 'q', description: 'test', type: ApplicationCommandOptionType.String, autocomplete: true },
    ],
  },
  execute(_ctx, options) {
    if (options.values.mode === 'user') throw new UserError('search.emptyQuery');
    if (options.values.mode === 'crash') throw new Error('boom');
    if (options.values.mode === 'huge') return { content: 'x'.repeat(2001) };
    return { content: `${options.subcommand}:${JSON.stringify(options.values)}` };
  },
  autocomplete(_ctx, focused, options) {
    if (focused.value === 'crash') throw new Error('boom');
    return [{ name: `${options.subcommand} ${focused.name}=${focused.value}`, value: 'v' }];
  },
};

function withProbe(errors: LoggedError[]) {
  return { kb, commands: [probe], log: { error: (obj: object, msg: string) => void errors.push({ obj, msg }) } };
}

const sub = (options: object[]) => [
  {
    name: 'group',
    type: ApplicationCommandOptionType.SubcommandGroup,
    options: [{ name: 'run', type: ApplicationCommandOptionType.Subcommand, options }],
  },
];

describe('respond', () => {
  it('answers PING with PONG', async () => {
    expect(
      await respond({ type: InteractionType.Ping, id: '1', application_id: '2', token: 't', version: 1 } as unknown as APIInteraction, withProbe([])),
    ).toEqual({
      type: InteractionResponseType.Pong,
    });
  });

  it('flattens subcommands and passes values as sent', async () => {
    const interaction = chatInput('probe', sub([{ name: 'count', type: ApplicationCommandOptionType.Integer, value: 3 }]) as never);
    const response = await respond(interaction, withProbe([]));
    expect(response.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(messageOf(response).content).toBe('group run:{"count":3}');
  });

  it('finds a nested focused option and reads numbers sent as text', async () => {
    const interaction = autocomplete(
      'probe',
      sub([{ name: 'count', type: ApplicationCommandOptionType.Integer, value: '4', focused: true }]) as never,
    );
    expect(choicesOf(await respond(interaction, withProbe([])))).toEqual([{ name: 'group run count=4', value: 'v' }]);
  });

  it('shows a UserError localized and ephemeral, without logging', async () => {
    const errors: LoggedError[] = [];
    const data = messageOf(await respond(chatInput('probe', [str('mode', 'user')], 'de'), withProbe(errors)));
    expect(data).toMatchObject({
      flags: MessageFlags.Ephemeral,
      content: 'Bitte angeben, wonach gesucht werden soll.',
      allowed_mentions: { parse: [] },
    });
    expect(errors).toEqual([]);
  });

  it.each(['crash', 'huge'])('apologizes with an error id and logs it when a handler fails (%s)', async (mode) => {
    const errors: LoggedError[] = [];
    const response = await respond(chatInput('probe', [str('mode', mode)]), withProbe(errors));
    expectSafe(response);
    const data = messageOf(response);
    const errorId = /Error id: `([0-9a-f]{8})`/.exec(data.content ?? '')?.[1];
    expect(data.flags).toBe(MessageFlags.Ephemeral);
    expect(errorId).toBeDefined();
    expect(errors).toHaveLength(1);
    expect(errors[0]?.obj).toMatchObject({ errorId, command: 'probe' });
  });

  it('answers a throwing autocomplete with no choices', async () => {
    const errors: LoggedError[] = [];
    const response = await respond(autocomplete('probe', [str('q', 'crash', true)]), withProbe(errors));
    expect(choicesOf(response)).toEqual([]);
    expect(errors).toHaveLength(1);
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'answers a subcommand or option named %s as an unknown command',
    async (name) => {
      const errors: LoggedError[] = [];
      const asSubcommand = messageOf(
        await respond(chatInput('probe', [{ name, type: ApplicationCommandOptionType.Subcommand, options: [] }] as never), withProbe(errors)),
      );
      expect(asSubcommand.content).toContain('I do not know the command /probe');
      const asOption = messageOf(await respond(chatInput('probe', [str(name, 'x')]), withProbe(errors)));
      expect(asOption.content).toContain('I do not know the command /probe');
      expect(choicesOf(await respond(autocomplete('probe', [str('q', 'x', true), str(name, 'x')]), withProbe(errors)))).toEqual([]);
      expect(errors).toEqual([]);
    },
  );

  it('keeps an option named __proto__ an own value, and reads absent prototype names as absent', () => {
    const { options } = parseOptions([{ name: '__proto__', type: ApplicationCommandOptionType.String, value: 'x' }]);
    expect(Object.getPrototypeOf(options.values)).toBe(Object.prototype);
    const declared = [
      { name: '__proto__', type: ApplicationCommandOptionType.String },
      { name: 'constructor', type: ApplicationCommandOptionType.String },
      { name: 'toString', type: ApplicationCommandOptionType.String },
    ] as const;
    const args = argumentsOf(declared, options);
    expect(Object.getOwnPropertyDescriptor(args, '__proto__')?.value).toBe('x');
    expect(Object.getPrototypeOf(args)).toBe(Object.prototype);
    expect(Object.hasOwn(args, 'constructor')).toBe(false);
    expect(Object.hasOwn(args, 'toString')).toBe(false);
  });

  it("answers an unknown command ephemerally in the user's language", async () => {
    const data = messageOf(await run(kb, chatInput('nope', [], 'de')));
    expect(data.flags).toBe(MessageFlags.Ephemeral);
    expect(data.content).toBe('Den Befehl /nope kenne ich nicht.');
  });

  it('falls back to the guild locale and answers a stale button for the presser only', async () => {
    const interaction = buttonPress('page:gone:en:1:x', undefined, 'de');
    delete (interaction as { locale?: string }).locale;
    const response = await run(kb, interaction);
    expect(response.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(messageOf(response)).toMatchObject({ flags: MessageFlags.Ephemeral, content: expect.stringContaining('Schaltfläche') as unknown });
  });

  it('re-renders a page from its custom id alone, clamping a page that no longer exists', async () => {
    const response = await run(kb, buttonPress('page:alliance:en:99:csto'));
    expect(response.type).toBe(InteractionResponseType.UpdateMessage);
    expect(messageOf(response).embeds?.[0]?.footer?.text).toMatch(/Page (\d+)\/\1$/);
  });
});
