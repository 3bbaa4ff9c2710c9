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
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') values[option.name] = value;
      if (option.focused === true) focused = { name: option.name, value: value === undefined ? '' : String(value) };
    }
  };
  walk(Array.isArray(raw) ? raw : []);
  const options: CommandOptions = path.length > 0 ? { subcommand: path.join(' '), values } : { values };
  return focused === undefined ? { options } : { options, focused };
}

/** An option value as text ('' when absent), whatever type it arrived as. */
export function optionText(options: CommandOptions, name: string): string {
  const value = options.values[name];
  return value === undefined ? '' : String(value);
}
