// Flattens the option tree of a real interaction payload: subcommand (group)
// names become `subcommand`, the rest `values`; the focused option of an
// autocomplete request is found at any depth and its value read as text.
import { ApplicationCommandOptionType } from 'discord-api-types/v10';

import type { CommandOptions, FocusedOption } from './command.js';

/** The parts of an option we read; autocomplete payloads are partial and values may be anything. */
interface RawOption {
  name: string;
  type: number;
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
      if (option.focused === true) focused = { name: option.name, value: value === undefined ? '' : String(value) };
    }
  };
  walk(Array.isArray(raw) ? raw : []);
  const options: CommandOptions = path.length > 0 ? { subcommand: path.join(' '), values } : { values };
  return focused === undefined ? { options } : { options, focused };
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

/** An option value as text ('' when absent), whatever type it arrived as. */
export function optionText(options: CommandOptions, name: string): string {
  // Own keys only: an absent option named like an Object.prototype member is absent.
  const value = Object.hasOwn(options.values, name) ? options.values[name] : undefined;
  return value === undefined ? '' : String(value);
}
