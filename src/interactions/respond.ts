// The dispatcher every adapter (CLI, gateway, HTTP) calls: one interaction
// in, one response body out. Never throws and never leaves an interaction
// unanswered; replies that would break Discord's limits become an apology.
import {
  type APIApplicationCommandAutocompleteInteraction,
  type APIApplicationCommandInteraction,
  type APIInteraction,
  type APIInteractionResponse,
  type APIMessageComponentInteraction,
  ApplicationCommandType,
  InteractionResponseType,
  InteractionType,
} from 'discord-api-types/v10';

import { type Language, languageFor } from '../i18n/language.js';
import { t } from '../i18n/t.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { NewsIndex } from '../knowledge/news-index.js';
import { checkChoices, checkMessage, LIMITS } from '../render/discord-limits.js';
import { decodePageId } from '../render/paging.js';
import type { Reply } from '../render/reply.js';
import { echo } from '../render/text.js';
import type { CommandContext, InteractionInfo, SlashCommand } from './command.js';
import { type ErrorLog, guardChoices, guardReply } from './error-boundary.js';
import { parseOptions, undeclaredOption } from './options.js';
import { toMessage } from './reply.js';
import { UserError } from './user-error.js';

export interface RespondDeps {
  kb: KnowledgeBase;
  /** The news snapshot to answer from (the process's latest). */
  news?: NewsIndex;
  commands: readonly SlashCommand[];
  log: ErrorLog;
}

type CommandInteraction = APIApplicationCommandInteraction | APIApplicationCommandAutocompleteInteraction;

/** The parts of the raw interaction a command may act on; the guild comes from here, never from an option. */
function interactionInfo(interaction: CommandInteraction): InteractionInfo {
  const { data } = interaction;
  return {
    id: interaction.id,
    guildId: interaction.guild_id,
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- Discord still sends channel_id, and older payloads carry no channel object
    channelId: interaction.channel?.id ?? interaction.channel_id,
    userId: interaction.member?.user.id ?? interaction.user?.id,
    memberPermissions: interaction.member?.permissions,
    appPermissions: interaction.app_permissions,
    guildLocale: interaction.guild_locale,
    resolved: data.type === ApplicationCommandType.ChatInput ? data.resolved : undefined,
  };
}

function commandContext(interaction: CommandInteraction, deps: RespondDeps, lang: Language): CommandContext {
  return { kb: deps.kb, ...(deps.news === undefined ? {} : { news: deps.news }), language: lang, interaction: interactionInfo(interaction) };
}

function findCommand(deps: RespondDeps, name: string): SlashCommand | undefined {
  return deps.commands.find((command) => command.definition.name === name);
}

/** Fails (into the error boundary) when a reply would be rejected by Discord. */
function checked(reply: Reply): Reply {
  const problems = checkMessage(toMessage(reply));
  if (problems.length > 0) throw new Error(`reply breaks Discord limits: ${problems.join('; ')}`);
  return reply;
}

function message(
  type: InteractionResponseType.ChannelMessageWithSource | InteractionResponseType.UpdateMessage,
  reply: Reply,
): APIInteractionResponse {
  return { type, data: toMessage(reply) };
}

async function chatInput(interaction: APIApplicationCommandInteraction, deps: RespondDeps, lang: Language): Promise<APIInteractionResponse> {
  const { data } = interaction;
  const reply = await guardReply(
    async () => {
      const command = findCommand(deps, data.name);
      if (data.type !== ApplicationCommandType.ChatInput) throw new UserError('error.unsupported');
      if (command === undefined) throw new UserError('error.unknownCommand', { name: echo(data.name, LIMITS.fieldName) });
      // A subcommand or option the definition does not have (a stale client, or a forged payload) is not this command.
      const undeclared = undeclaredOption(command.definition.options, data.options);
      if (undeclared !== undefined) throw new UserError('error.unknownCommand', { name: echo(`${data.name} ${undeclared}`, LIMITS.fieldName) });
      return checked(await command.execute(commandContext(interaction, deps, lang), parseOptions(data.options).options));
    },
    lang,
    deps.log,
    { command: data.name, interactionId: interaction.id },
  );
  return message(InteractionResponseType.ChannelMessageWithSource, reply);
}

async function autocomplete(
  interaction: APIApplicationCommandAutocompleteInteraction,
  deps: RespondDeps,
  lang: Language,
): Promise<APIInteractionResponse> {
  const { data } = interaction;
  const choices = await guardChoices(
    async () => {
      const command = findCommand(deps, data.name);
      const { options, focused } = parseOptions(data.options);
      if (command?.autocomplete === undefined || focused === undefined) return [];
      if (undeclaredOption(command.definition.options, data.options) !== undefined) return [];
      const result = (await command.autocomplete(commandContext(interaction, deps, lang), focused, options)).slice(0, LIMITS.choices);
      const problems = checkChoices(result);
      if (problems.length > 0) throw new Error(`choices break Discord limits: ${problems.join('; ')}`);
      return result;
    },
    deps.log,
    { command: data.name, interactionId: interaction.id },
  );
  return { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } };
}

async function component(interaction: APIMessageComponentInteraction, deps: RespondDeps, lang: Language): Promise<APIInteractionResponse> {
  const customId = interaction.data.custom_id;
  const reply = await guardReply(
    () => {
      const ref = decodePageId(customId);
      const command = ref === undefined ? undefined : findCommand(deps, ref.command);
      if (ref === undefined || command?.page === undefined) throw new UserError('page.expired');
      // The page keeps the language it was first rendered in.
      const ctx: CommandContext = { kb: deps.kb, ...(deps.news === undefined ? {} : { news: deps.news }), language: ref.language };
      return checked(command.page(ctx, ref.state, ref.page));
    },
    lang,
    deps.log,
    { customId, interactionId: interaction.id },
  );
  // A failed page press answers the presser alone instead of changing the message.
  return message(reply.ephemeral === true ? InteractionResponseType.ChannelMessageWithSource : InteractionResponseType.UpdateMessage, reply);
}

export async function respond(interaction: APIInteraction, deps: RespondDeps): Promise<APIInteractionResponse> {
  if (interaction.type === InteractionType.Ping) return { type: InteractionResponseType.Pong };
  const lang = languageFor(interaction.locale, interaction.guild_locale);
  switch (interaction.type) {
    case InteractionType.ApplicationCommand:
      return chatInput(interaction, deps, lang);
    case InteractionType.ApplicationCommandAutocomplete:
      return autocomplete(interaction, deps, lang);
    case InteractionType.MessageComponent:
      return component(interaction, deps, lang);
    default:
      return message(InteractionResponseType.ChannelMessageWithSource, { content: t(lang, 'error.unsupported'), ephemeral: true });
  }
}
