// The contract between a command module in commands/ and the adapters
// (CLI, gateway, HTTP). Knowledge handlers are pure: (knowledge base, options,
// language) in, reply payload out. Commands that need more (/alerts) are built
// by the composition root with what they need; they also read who asked where.
import type {
  APIApplicationCommandOptionChoice,
  APIInteractionDataResolved,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';

import type { Language } from '../i18n/language.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { NewsIndex } from '../knowledge/news-index.js';
import type { Reply } from '../render/reply.js';

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

export interface CommandContext {
  kb: KnowledgeBase;
  /** The feed items the bot has read, as of this interaction; none when absent (e.g. a test of curated answers only). */
  news?: NewsIndex;
  language: Language;
  /** Absent when a page button re-renders a page. */
  interaction?: InteractionInfo;
}

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
