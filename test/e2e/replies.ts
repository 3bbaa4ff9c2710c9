// Reading the bot's answers as a user would see them.
import { MessageFlags } from 'discord-api-types/v10';
import type { APIInteractionResponse, APIInteractionResponseCallbackData } from 'discord-api-types/v10';
import { messageOf as messageOrUndefined } from '../../scripts/demo/render.js';
import { printResponse } from '../../src/cli/print.js';

export { buttonsOf } from '../../scripts/demo/render.js';

/** The message of a type 4 or 7 answer; fails on anything else. */
export function messageOf(response: APIInteractionResponse): APIInteractionResponseCallbackData {
  const message = messageOrUndefined(response);
  if (message === undefined) throw new Error(`expected a message answer, got type ${response.type}`);
  return message;
}

/** Title, description, fields and footer as plain text (markdown escapes removed). */
export const textOf = (response: APIInteractionResponse): string => printResponse(response);

export const isEphemeral = (response: APIInteractionResponse): boolean => ((messageOf(response).flags ?? 0) & MessageFlags.Ephemeral) !== 0;

export function footerOf(response: APIInteractionResponse): string {
  return messageOf(response).embeds?.[0]?.footer?.text ?? '';
}
