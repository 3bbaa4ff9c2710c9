// Taking an interaction response apart in tests: the message or the choices,
// failing on any other kind of response.
import type { APIInteractionResponse, APIInteractionResponseCallbackData } from 'discord-api-types/v10';
import { InteractionResponseType } from 'discord-api-types/v10';

import { messageOf as messageOrUndefined } from '../../scripts/demo/render.js';

/** The message of a type 4 or 7 response; fails on anything else. */
export function messageOf(response: APIInteractionResponse): APIInteractionResponseCallbackData {
  const message = messageOrUndefined(response);
  if (message === undefined) throw new Error(`expected a message response, got type ${response.type}`);
  return message;
}

/** The choices of an autocomplete (type 8) response; fails on anything else. */
export function choicesOf(response: APIInteractionResponse) {
  if (response.type !== InteractionResponseType.ApplicationCommandAutocompleteResult)
    throw new Error(`expected choices (type 8), got type ${response.type}`);
  return response.data.choices ?? [];
}
