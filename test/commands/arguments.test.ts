// argumentsOf(): option values typed from the definition, read as Discord sends them.
import { ApplicationCommandOptionType as T } from 'discord-api-types/v10';
import { describe, expect, expectTypeOf, it } from 'vitest';

import { addDefinition } from '../../commands/alerts/definition.js';
import { type ArgumentsOf, argumentsOf, parseOptions } from '../../src/interactions/options.js';

const spec = [
  { name: 'text', type: T.String, required: true },
  { name: 'channel', type: T.Channel, required: false },
  { name: 'count', type: T.Integer, required: false },
  { name: 'flag', type: T.Boolean, required: false },
] as const;

describe('argumentsOf', () => {
  it('reads the declared options, text as text whatever type it arrived as', () => {
    const { options } = parseOptions([
      { name: 'text', type: T.String, value: 42 },
      { name: 'channel', type: T.Channel, value: '1400000000000000001' },
      { name: 'count', type: T.Integer, value: 3 },
      { name: 'flag', type: T.Boolean, value: true },
      { name: 'undeclared', type: T.String, value: 'x' },
    ]);
    expect(argumentsOf(spec, options)).toEqual({ text: '42', channel: '1400000000000000001', count: 3, flag: true });
  });

  it('leaves out optional options not sent, and reads a missing required text option as empty', () => {
    expect(argumentsOf(spec, { values: {} })).toEqual({ text: '' });
  });

  it('types each option from the definition: required or optional, text, number or boolean', () => {
    expectTypeOf<ArgumentsOf<typeof spec>>().toEqualTypeOf<{ text: string } & { channel?: string; count?: number; flag?: boolean }>();
    expectTypeOf(argumentsOf(addDefinition.options, { values: {} }).topic).toEqualTypeOf<string>();
    expectTypeOf(argumentsOf(addDefinition.options, { values: {} }).role).toEqualTypeOf<string | undefined>();
  });
});
