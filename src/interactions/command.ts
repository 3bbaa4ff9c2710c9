// The contract between a command module in commands/ and the adapters
// (CLI, gateway, HTTP). Knowledge handlers are pure: (knowledge base, options,
// language) in, reply payload out. Commands that change state (/alerts) also
// read who asked where, and reach the services the composition root gives them.
import type {
  APIApplicationCommandOptionChoice,
  APIInteractionDataResolved,
  APIInteractionResponseCallbackData,
  RESTPostAPIChannelMessageJSONBody,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';

import type { SubscriptionRepository } from '../alerts/subscriptions.js';
import type { DiscordLookups } from '../discord/discord-lookups.js';
import type { Language } from '../i18n/language.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';

/** Option values as Discord sends them, flattened; a subcommand arrives as `subcommand`. */
export interface CommandOptions {
  subcommand?: string;
  values: Record<string, string | number | boolean>;
}

/** Who used the command where, from the raw interaction (guild fields absent in DMs). */
export interface InteractionInfo {
  id?: string;
  guildId?: string;
  channelId?: string;
  userId?: string;
  /** The member's permissions in the channel the command was used in (bit set as a string). */
  memberPermissions?: string;
  /** The bot's permissions in that channel, not in any channel an option names. */
  appPermissions?: string;
  guildLocale?: string;
  /** Users, roles and channels named by options, as Discord resolved them. */
  resolved?: APIInteractionDataResolved;
}

/** What /alerts needs beyond the knowledge base. */
export interface AlertsCommandServices {
  subscriptions: SubscriptionRepository;
  lookups: DiscordLookups;
  /** Posts a message to a channel the way alerts are posted (REST); rejects with Discord's error. */
  sendTestAlert(channelId: string, body: RESTPostAPIChannelMessageJSONBody): Promise<void>;
  /** The bot's user id (equal to its application id). */
  botUserId: string;
}

export interface CommandServices {
  alerts?: AlertsCommandServices;
}

export interface CommandContext {
  kb: KnowledgeBase;
  language: Language;
  /** Every command the bot serves (for /help). */
  commands: readonly SlashCommand[];
  interaction?: InteractionInfo;
  services?: CommandServices;
}

/** A reply message; `ephemeral` becomes the EPHEMERAL flag. */
export type Reply = APIInteractionResponseCallbackData & { ephemeral?: boolean };

export interface FocusedOption {
  name: string;
  value: string;
}

export interface SlashCommand {
  definition: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(ctx: CommandContext, options: CommandOptions): Reply | Promise<Reply>;
  autocomplete?(
    ctx: CommandContext,
    focused: FocusedOption,
    options: CommandOptions,
  ): APIApplicationCommandOptionChoice[] | Promise<APIApplicationCommandOptionChoice[]>;
  /** Renders page `page` for a "next page" button; `state` is what the command put into the custom id. */
  page?(ctx: CommandContext, state: string, page: number): Reply;
  /** Every reply is ephemeral, so an adapter that defers should defer ephemerally. */
  deferEphemeral?: boolean;
}
