// Answers the server gives on its own: a deferral when the dispatcher is slow
// (ephemeral for commands that say so), and a generic error when it fails.
// Shared by the HTTP server and gateway mode.
import type { APIInteraction, APIInteractionResponse, APIPingInteraction } from 'discord-api-types/v10';
import { InteractionResponseType, InteractionType, MessageFlags } from 'discord-api-types/v10';

import { languageFor } from '../i18n/language.js';
import { t } from '../i18n/t.js';
import type { SlashCommand } from '../interactions/command.js';
import { type ErrorLog, newErrorId } from '../interactions/error-boundary.js';
import { toMessage } from '../interactions/reply.js';

/** The dispatcher with its dependencies bound: `(i) => respond(i, deps)`. */
export type RespondFn = (interaction: APIInteraction) => Promise<APIInteractionResponse>;

const DEFERRALS = {
  message: { type: InteractionResponseType.DeferredChannelMessageWithSource },
  ephemeralMessage: { type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } },
  update: { type: InteractionResponseType.DeferredMessageUpdate },
  // Autocomplete cannot be deferred; an empty list beats "loading failed".
  noChoices: { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } },
} satisfies Record<string, APIInteractionResponse>;

type Deferral = keyof typeof DEFERRALS;

const WIRE = Object.fromEntries(Object.entries(DEFERRALS).map(([kind, response]) => [kind, Buffer.from(JSON.stringify(response))])) as Record<
  Deferral,
  Buffer
>;

function deferralKind(interaction: APIInteraction, ephemeral: boolean): Deferral {
  switch (interaction.type) {
    case InteractionType.ApplicationCommandAutocomplete:
      return 'noChoices';
    case InteractionType.MessageComponent:
      return 'update';
    default:
      return ephemeral ? 'ephemeralMessage' : 'message';
  }
}

/**
 * Whether a command that misses the deadline is deferred privately: fixed at
 * deferral time, so it comes from the command's definition (e.g. /alerts).
 */
export function ephemeralDeferral(commands: readonly SlashCommand[]): (interaction: APIInteraction) => boolean {
  const names = new Set(commands.filter((command) => command.deferEphemeral === true).map((command) => command.definition.name));
  return (interaction) => interaction.type === InteractionType.ApplicationCommand && names.has(interaction.data.name);
}

/**
 * What to send when the real answer misses the deadline; the answer follows by
 * webhook unless this is autocomplete. `ephemeral` applies to commands only.
 */
export function deferralResponseFor(interaction: APIInteraction, ephemeral: boolean): APIInteractionResponse {
  return DEFERRALS[deferralKind(interaction, ephemeral)];
}

/** The same as wire JSON, serialised once at start. */
export function deferralFor(interaction: APIInteraction, ephemeral: boolean): Buffer {
  return WIRE[deferralKind(interaction, ephemeral)];
}

/** The answer when the dispatcher failed: inline before the deadline, by webhook after it. */
function errorResponseFor(interaction: Exclude<APIInteraction, APIPingInteraction>, errorId: string): APIInteractionResponse {
  if (interaction.type === InteractionType.ApplicationCommandAutocomplete) return DEFERRALS.noChoices;
  const content = t(languageFor(interaction.locale, interaction.guild_locale), 'error.generic', { errorId });
  return { type: InteractionResponseType.ChannelMessageWithSource, data: toMessage({ content, ephemeral: true }) };
}

/** Logs a failed dispatch under a fresh error id and returns the apology that carries the id. */
export function failureResponse(interaction: Exclude<APIInteraction, APIPingInteraction>, error: unknown, log: ErrorLog): APIInteractionResponse {
  const errorId = newErrorId();
  log.error({ err: error, errorId, interactionId: interaction.id, interactionType: interaction.type }, 'respond failed');
  return errorResponseFor(interaction, errorId);
}

/** The dispatcher's answer, or the logged apology when it throws or rejects: never rejects. */
export async function respondOrApologize(
  respond: RespondFn,
  interaction: Exclude<APIInteraction, APIPingInteraction>,
  log: ErrorLog,
): Promise<APIInteractionResponse> {
  try {
    return await respond(interaction);
  } catch (error) {
    return failureResponse(interaction, error, log);
  }
}
