// The /alerts definition: for members who may manage the server, in servers
// only. Each subcommand's definition is exported for its handler's typed
// arguments (ArgumentsOf); names are API identifiers, words are catalogue.
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';

import { ALERT_CHANNEL_TYPES } from '../../src/discord/channel-target.js';
import { LANGUAGES } from '../../src/i18n/language.js';
import { deLocalization, t } from '../../src/i18n/t.js';
import { localized, subcommand, textOption } from '../../src/interactions/definition.js';

/** The option naming one of the server's subscriptions (shown to users as "alert"). */
export const SUBSCRIPTION_OPTION = 'alert';
/** The option naming a topic, with autocomplete over topics and entities. */
export const TOPIC_OPTION = 'topic';

const subscriptionOption = {
  type: ApplicationCommandOptionType.String,
  ...localized(SUBSCRIPTION_OPTION, 'command.alerts.option.subscription'),
  required: true,
  autocomplete: true,
  max_length: 32,
} as const;

export const addDefinition = subcommand('add', 'command.alerts.add', [
  textOption(TOPIC_OPTION, 'command.alerts.option.topic', true),
  {
    type: ApplicationCommandOptionType.Channel,
    ...localized('channel', 'command.alerts.option.channel'),
    required: true,
    channel_types: ALERT_CHANNEL_TYPES,
  },
  { type: ApplicationCommandOptionType.Role, ...localized('role', 'command.alerts.option.role'), required: false },
  {
    type: ApplicationCommandOptionType.String,
    ...localized('language', 'command.alerts.option.language'),
    required: false,
    choices: LANGUAGES.map((lang) => ({
      name: t('en', `language.${lang}`),
      name_localizations: deLocalization(`language.${lang}`),
      value: lang,
    })),
  },
]);
export const removeDefinition = subcommand('remove', 'command.alerts.remove', [subscriptionOption]);
export const listDefinition = subcommand('list', 'command.alerts.list');
export const testDefinition = subcommand('test', 'command.alerts.test', [subscriptionOption]);
export const resumeDefinition = subcommand('resume', 'command.alerts.resume', [subscriptionOption]);

export const definition = {
  ...localized('alerts', 'command.alerts'),
  type: ApplicationCommandType.ChatInput,
  default_member_permissions: String(PermissionFlagsBits.ManageGuild),
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
  options: [addDefinition, removeDefinition, listDefinition, testDefinition, resumeDefinition],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;
