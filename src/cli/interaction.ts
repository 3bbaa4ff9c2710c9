// A parsed chat line as the interaction Discord would send: the option tree
// with values typed by the command's definition, in a DM with the bot (the
// CLI's place). The payloads themselves come from the one builder in src/discord.
import {
  type APIApplicationCommandAutocompleteInteraction,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIChatInputApplicationCommandInteraction,
  ApplicationCommandOptionType,
  type Locale,
} from 'discord-api-types/v10';

import {
  autocompleteInteraction,
  type AutocompleteInvocation,
  chatInputInteraction,
  type CommandInvocation,
  type InteractionPlace,
  makeUser,
} from '../discord/interaction-payloads.js';
import type { GivenOption, ParsedLine } from './chat-line.js';
import { UsageError } from './usage.js';

/** The CLI speaks as one user in a DM with the bot, with no permissions (no guild, so /alerts refuses). */
function cliPlace(locale: Locale): InteractionPlace {
  return { applicationId: '1100000000000000001', user: makeUser('1100000000000000002', 'cli'), locale, appPermissions: 0n };
}

/** The value as the final command sends it: numbers and booleans typed, everything else text. */
function typedValue(given: GivenOption): string | number | boolean {
  const { option, text } = given;
  switch (option.type) {
    case ApplicationCommandOptionType.Integer:
    case ApplicationCommandOptionType.Number: {
      const value = Number(text);
      if (text.trim() === '' || !Number.isFinite(value) || (option.type === ApplicationCommandOptionType.Integer && !Number.isInteger(value))) {
        throw new UsageError(`${option.name} must be a number, not "${text}"`);
      }
      return value;
    }
    case ApplicationCommandOptionType.Boolean:
      if (text !== 'true' && text !== 'false') throw new UsageError(`${option.name} must be true or false, not "${text}"`);
      return text === 'true';
    default:
      return text;
  }
}

const leaf = (given: GivenOption, value: string | number | boolean) =>
  ({ type: given.option.type, name: given.option.name, value }) as APIApplicationCommandInteractionDataBasicOption;

/** The command and subcommand (group) of the line; the path holds at most a group and a subcommand. */
function command(line: ParsedLine): CommandInvocation {
  const [first, second] = line.path;
  const name = line.definition.name;
  if (second !== undefined) return { name, group: first, subcommand: second };
  return first === undefined ? { name } : { name, subcommand: first };
}

/** The line's command with its options typed, e.g. for `/alliance name:csto`. */
export function lineInvocation(line: ParsedLine): CommandInvocation {
  return { ...command(line), options: line.given.map((g) => leaf(g, typedValue(g))) };
}

/**
 * Autocomplete for `focus`, the last option given (the first option when none is):
 * partial values arrive as text whatever the option's type.
 */
export function lineAutocompleteInvocation(line: ParsedLine, focus: GivenOption): AutocompleteInvocation {
  const others = line.given.filter((g) => g.option !== focus.option).map((g) => leaf(g, g.text));
  return { ...command(line), options: others, focused: focus.option.name, value: focus.text, focusedType: focus.option.type };
}

export function cliCommandInteraction(line: ParsedLine, locale: Locale): APIChatInputApplicationCommandInteraction {
  return chatInputInteraction(cliPlace(locale), lineInvocation(line));
}

export function cliAutocompleteInteraction(line: ParsedLine, locale: Locale, focus: GivenOption): APIApplicationCommandAutocompleteInteraction {
  return autocompleteInteraction(cliPlace(locale), lineAutocompleteInvocation(line, focus));
}
