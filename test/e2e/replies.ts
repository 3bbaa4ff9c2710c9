// Reading the bot's answers as a user would see them.
import type { APIInteractionResponse } from 'discord-api-types/v10';
import { MessageFlags } from 'discord-api-types/v10';

import { printResponse } from '../../src/cli/print.js';
import { messageOf } from '../support/responses.js';

export { buttonsOf } from '../../scripts/demo/render.js';
export { choicesOf, messageOf } from '../support/responses.js';

/** Title, description, fields and footer as plain text (markdown escapes removed). */
export const textOf = (response: APIInteractionResponse): string => printResponse(response);

export const isEphemeral = (response: APIInteractionResponse): boolean => ((messageOf(response).flags ?? 0) & MessageFlags.Ephemeral) !== 0;

export function footerOf(response: APIInteractionResponse): string {
  return messageOf(response).embeds?.[0]?.footer?.text ?? '';
}
