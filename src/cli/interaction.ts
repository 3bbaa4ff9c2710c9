// Interaction payloads as Discord sends them for a command typed in the bot's
// DMs: ids as strings, `user` instead of `member`, no guild_locale.
import {
  type APIApplicationCommandAutocompleteDMInteraction,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIApplicationCommandInteractionDataOption,
  type APIChatInputApplicationCommandDMInteraction,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  InteractionType,
  type Locale,
} from 'discord-api-types/v10';

import type { GivenOption, ParsedLine } from './chat-line.js';
import { UsageError } from './usage.js';

const APPLICATION_ID = '1100000000000000001';
const USER_ID = '1100000000000000002';
const CHANNEL_ID = '1100000000000000003';
const COMMAND_ID = '1100000000000000004';

function base(locale: Locale) {
  return {
    id: `${BigInt(Date.now() - 1_420_070_400_000) << 22n}`,
    application_id: APPLICATION_ID,
    token: 'cli-interaction-token',
    version: 1 as const,
    locale,
    user: { id: USER_ID, username: 'cli', discriminator: '0', global_name: 'CLI', avatar: null },
    channel: { id: CHANNEL_ID, type: ChannelType.DM as const },
    channel_id: CHANNEL_ID,
    app_permissions: '0',
    entitlements: [],
    authorizing_integration_owners: { [ApplicationIntegrationType.UserInstall]: USER_ID },
    context: InteractionContextType.BotDM,
    attachment_size_limit: 10_485_760,
  };
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

/** Leaves wrapped in their subcommand (group) options. */
function nest(path: readonly string[], leaves: APIApplicationCommandInteractionDataOption[]): APIApplicationCommandInteractionDataOption[] {
  return path.reduceRight<APIApplicationCommandInteractionDataOption[]>(
    (inner, name, i) => [
      i === path.length - 1
        ? { type: ApplicationCommandOptionType.Subcommand, name, options: inner as APIApplicationCommandInteractionDataBasicOption[] }
        : ({ type: ApplicationCommandOptionType.SubcommandGroup, name, options: inner } as APIApplicationCommandInteractionDataOption),
    ],
    leaves,
  );
}

export function chatInputInteraction(line: ParsedLine, locale: Locale): APIChatInputApplicationCommandDMInteraction {
  const leaves = line.given.map(
    (g) => ({ type: g.option.type, name: g.option.name, value: typedValue(g) }) as APIApplicationCommandInteractionDataBasicOption,
  );
  const options = nest(line.path, leaves);
  return {
    ...base(locale),
    type: InteractionType.ApplicationCommand,
    data: { id: COMMAND_ID, name: line.definition.name, type: ApplicationCommandType.ChatInput, ...(options.length > 0 ? { options } : {}) },
  };
}

/**
 * Autocomplete for the last option given (the first option when none is):
 * partial values arrive as text whatever the option's type.
 */
export function autocompleteInteraction(line: ParsedLine, locale: Locale, focus: GivenOption): APIApplicationCommandAutocompleteDMInteraction {
  const others = line.given.filter((g) => g.option !== focus.option);
  const leaves = [...others.map((g) => ({ g, focused: false })), { g: focus, focused: true }].map(
    ({ g, focused }) =>
      ({
        type: g.option.type,
        name: g.option.name,
        value: g.text,
        ...(focused ? { focused } : {}),
      }) as APIApplicationCommandInteractionDataBasicOption,
  );
  return {
    ...base(locale),
    type: InteractionType.ApplicationCommandAutocomplete,
    data: { id: COMMAND_ID, name: line.definition.name, type: ApplicationCommandType.ChatInput, options: nest(line.path, leaves) },
  };
}
