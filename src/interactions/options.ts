// Flattens the option tree of a real interaction payload: subcommand (group)
// names become `subcommand`, the rest `values`; the focused option of an
// autocomplete request is found at any depth and its value read as text.
// argumentsOf() then reads the values a definition declares, typed from it.
import { ApplicationCommandOptionType } from 'discord-api-types/v10';

import type { CommandOptions, FocusedOption } from './command.js';

/** The parts of an option we read; autocomplete payloads are partial and values may be anything. */
interface RawOption {
  name: string;
  type: ApplicationCommandOptionType;
  value?: unknown;
  focused?: boolean;
  options?: readonly RawOption[];
}

export interface ParsedOptions {
  options: CommandOptions;
  focused?: FocusedOption;
}

export function parseOptions(raw: readonly RawOption[] | undefined): ParsedOptions {
  const path: string[] = [];
  const values: CommandOptions['values'] = {};
  let focused: FocusedOption | undefined;
  const walk = (options: readonly RawOption[]): void => {
    for (const option of options) {
      if (option.type === ApplicationCommandOptionType.Subcommand || option.type === ApplicationCommandOptionType.SubcommandGroup) {
        path.push(option.name);
        walk(option.options ?? []);
        continue;
      }
      const { value } = option;
      // defineProperty: an option named `__proto__` becomes a value like any other instead of a prototype change.
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
        Object.defineProperty(values, option.name, { value, enumerable: true, writable: true, configurable: true });
      if (option.focused === true)
        focused = {
          name: option.name,
          value: typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '',
        };
    }
  };
  walk(Array.isArray(raw) ? raw : []);
  const options: CommandOptions = path.length > 0 ? { subcommand: path.join(' '), values } : { values };
  return focused === undefined ? { options } : { options, focused };
}

/** What argumentsOf() needs to know of an option definition. */
export interface OptionSpec {
  readonly name: string;
  readonly type: ApplicationCommandOptionType;
  readonly required?: boolean;
}

type NumberOption = ApplicationCommandOptionType.Integer | ApplicationCommandOptionType.Number;

/** What an option's value is read as: numbers and booleans as such, everything else (text, ids) as text. */
type ValueOf<T extends ApplicationCommandOptionType> = T extends NumberOption
  ? number
  : T extends ApplicationCommandOptionType.Boolean
    ? boolean
    : string;

/**
 * The arguments of a command or subcommand, typed from its options' definition:
 * `ArgumentsOf<[{ name: 'topic', type: String, required: true }]>` is `{ topic: string }`;
 * an option that is not required is optional.
 */
export type ArgumentsOf<O extends readonly OptionSpec[]> = {
  [X in O[number] as X['required'] extends true ? X['name'] : never]: ValueOf<X['type']>;
} & {
  [X in O[number] as X['required'] extends true ? never : X['name']]?: ValueOf<X['type']>;
};

/** The subcommand names of a definition's options. */
export type SubcommandOf<O extends readonly { readonly name: string; readonly type: ApplicationCommandOptionType }[]> = Extract<
  O[number],
  { type: ApplicationCommandOptionType.Subcommand }
>['name'];

function read(type: ApplicationCommandOptionType, value: string | number | boolean | undefined): string | number | boolean {
  switch (type) {
    case ApplicationCommandOptionType.Integer:
    case ApplicationCommandOptionType.Number:
      return typeof value === 'number' ? value : Number(value ?? 0);
    case ApplicationCommandOptionType.Boolean:
      return typeof value === 'boolean' ? value : value === 'true';
    default:
      return value === undefined ? '' : String(value);
  }
}

/**
 * The values of the options `definition` declares, as the types ArgumentsOf names
 * (text whatever type it arrived as, as Discord may send ids as strings). An option
 * that was not sent is absent; a required one that was not sent (a hand-made
 * payload) reads as '', 0 or false.
 */
export function argumentsOf<const O extends readonly OptionSpec[]>(definition: O, options: CommandOptions): ArgumentsOf<O> {
  const args: Record<string, string | number | boolean> = {};
  for (const option of definition) {
    // Own keys only: an absent option named like an Object.prototype member is absent.
    const value = Object.hasOwn(options.values, option.name) ? options.values[option.name] : undefined;
    if (value !== undefined || option.required === true)
      Object.defineProperty(args, option.name, { value: read(option.type, value), enumerable: true, writable: true, configurable: true });
  }
  return args as ArgumentsOf<O>;
}

/** An option as the command's definition declares it, with its subcommands' options. */
interface DefinedOption {
  readonly name: string;
  readonly options?: readonly DefinedOption[];
}

/**
 * The first option, subcommand or group in `raw` that the definition does not declare,
 * as its path ("add __proto__"); undefined when every name is declared. Compared by
 * name in the definition's lists, so Object.prototype's names are unknown like any other.
 */
export function undeclaredOption(declared: readonly DefinedOption[] | undefined, raw: readonly RawOption[] | undefined): string | undefined {
  const given: readonly RawOption[] = Array.isArray(raw) ? raw : [];
  for (const option of given) {
    const match = (declared ?? []).find((candidate) => candidate.name === option.name);
    if (match === undefined) return option.name;
    const inner = undeclaredOption(match.options, option.options);
    if (inner !== undefined) return `${option.name} ${inner}`;
  }
  return undefined;
}
