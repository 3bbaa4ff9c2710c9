// Building blocks for command definitions: names and descriptions come from
// the message catalogues (English base, German localization), and every
// read-only command is usable in servers, the bot's DMs and private channels.
import {
  type APIApplicationCommandStringOption,
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';

import { en } from '../i18n/messages/en.js';
import { deLocalization, type MessageKey } from '../i18n/t.js';

export const EVERYWHERE = {
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel],
  integration_types: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
} satisfies Pick<RESTPostAPIChatInputApplicationCommandsJSONBody, 'contexts' | 'integration_types'>;

/** Longest text a user can type into our string options. */
const TEXT_OPTION_LENGTH = 100;

/** Catalogue keys K with a `K.description` entry: commands. */
type CommandKey = { [K in MessageKey]: `${K}.description` extends MessageKey ? K : never }[MessageKey];
/** Catalogue prefixes K with `K.name` and `K.description` entries: options. */
type OptionKey = {
  [K in MessageKey]: K extends `${infer P}.name` ? (`${P}.description` extends MessageKey ? P : never) : never;
}[MessageKey];

/** `name`, `description` and their German localizations for a catalogue key like "command.alliance". */
export function localized(key: CommandKey) {
  // Sound: CommandKey guarantees the description key exists.
  const descriptionKey = `${key}.description` as MessageKey;
  return {
    name: en[key],
    name_localizations: deLocalization(key),
    description: en[descriptionKey],
    description_localizations: deLocalization(descriptionKey),
  };
}

/** `name`, `description` and their German localizations for an option's catalogue prefix like "command.alliance.option.name". */
export function localizedOption(key: OptionKey) {
  const nameKey = `${key}.name` as MessageKey;
  const descriptionKey = `${key}.description` as MessageKey;
  return {
    name: en[nameKey],
    name_localizations: deLocalization(nameKey),
    description: en[descriptionKey],
    description_localizations: deLocalization(descriptionKey),
  };
}

/** A free-text option, e.g. textOption('command.alliance.option.name', true). */
export function textOption(key: OptionKey, required: boolean, autocomplete = true): APIApplicationCommandStringOption {
  return {
    type: ApplicationCommandOptionType.String,
    ...localizedOption(key),
    required,
    autocomplete,
    max_length: TEXT_OPTION_LENGTH,
  };
}
