// Building blocks for command definitions. Names are API identifiers, written
// in the definition as literals (`'alliance'`, `'topic'`): a translator's edit
// never changes them. Descriptions and German names come from the message
// catalogues by a key like 'command.alliance' (English description
// `<key>.description`, German `<key>.name` and `<key>.description`). Every
// read-only command is usable in servers, the bot's DMs and private channels.
import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandStringOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';

import { type DefinitionKey, en } from '../i18n/messages/en.js';
import { deLocalization } from '../i18n/t.js';

export const EVERYWHERE = {
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel],
  integration_types: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
} satisfies Pick<RESTPostAPIChatInputApplicationCommandsJSONBody, 'contexts' | 'integration_types'>;

/** Longest text a user can type into our string options. */
const TEXT_OPTION_LENGTH = 100;

/** The API name `name`, with the German name and the descriptions of catalogue key `key` (e.g. 'command.alliance'). */
export function localized<const N extends string>(name: N, key: DefinitionKey) {
  return {
    name,
    name_localizations: deLocalization(`${key}.name`),
    description: en[`${key}.description`],
    description_localizations: deLocalization(`${key}.description`),
  };
}

// The builders below state their return types: `satisfies` would widen the
// literal names and `required` flags that ArgumentsOf reads.

/** A free-text option, e.g. textOption('name', 'command.alliance.option.name', true). */
export function textOption<const N extends string, const R extends boolean>(
  name: N,
  key: DefinitionKey,
  required: R,
  autocomplete = true,
): APIApplicationCommandStringOption & { type: ApplicationCommandOptionType.String; name: N; required: R } {
  return {
    type: ApplicationCommandOptionType.String,
    ...localized(name, key),
    required,
    autocomplete,
    max_length: TEXT_OPTION_LENGTH,
  };
}

/** A subcommand with its options; their literal names and types stay visible to ArgumentsOf. */
export function subcommand<const N extends string, const O extends APIApplicationCommandBasicOption[] = []>(
  name: N,
  key: DefinitionKey,
  options: O = [] as unknown as O,
): APIApplicationCommandSubcommandOption & { type: ApplicationCommandOptionType.Subcommand; name: N; options: O } {
  return { type: ApplicationCommandOptionType.Subcommand, ...localized(name, key), options };
}

/** A chat-input command with options, usable everywhere (servers, the bot's DMs, private channels). */
export function everywhereCommand<const N extends string, const O extends APIApplicationCommandBasicOption[]>(
  name: N,
  key: DefinitionKey,
  options: O,
): RESTPostAPIChatInputApplicationCommandsJSONBody & { name: N; options: O } {
  return { ...localized(name, key), type: ApplicationCommandType.ChatInput, ...EVERYWHERE, options };
}
