// The contract between a command module in commands/ and the adapters
// (CLI, gateway, HTTP). Handlers are pure: (knowledge base, options, language)
// in, reply payload out.
import type {
  APIApplicationCommandOptionChoice,
  APIInteractionResponseCallbackData,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { Language } from '../i18n/language.js';

/** Option values as Discord sends them, flattened; a subcommand arrives as `subcommand`. */
export interface CommandOptions {
  subcommand?: string;
  values: Record<string, string | number | boolean>;
}

export interface CommandContext {
  kb: KnowledgeBase;
  language: Language;
  /** Every command the bot serves (for /help). */
  commands: readonly SlashCommand[];
}

/** A reply message; `ephemeral` becomes the EPHEMERAL flag. */
export type Reply = APIInteractionResponseCallbackData & { ephemeral?: boolean };

export interface FocusedOption {
  name: string;
  value: string;
}

export interface SlashCommand {
  definition: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(ctx: CommandContext, options: CommandOptions): Reply;
  autocomplete?(ctx: CommandContext, focused: FocusedOption, options: CommandOptions): APIApplicationCommandOptionChoice[];
  /** Renders page `page` for a "next page" button; `state` is what the command put into the custom id. */
  page?(ctx: CommandContext, state: string, page: number): Reply;
}
