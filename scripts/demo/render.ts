// A reply as the demo shows it: the CLI's renderer for the message, then its
// buttons numbered, so `1` presses the first one that can be pressed.
import type { APIButtonComponentWithCustomId, APIInteractionResponse, APIInteractionResponseCallbackData, APIMessage } from 'discord-api-types/v10';
import { ComponentType, InteractionResponseType } from 'discord-api-types/v10';

import { printResponse } from '../../src/cli/print.js';

/** The message of a type 4 or 7 answer. */
export function messageOf(response: APIInteractionResponse): APIInteractionResponseCallbackData | undefined {
  const isMessage = response.type === InteractionResponseType.ChannelMessageWithSource || response.type === InteractionResponseType.UpdateMessage;
  return isMessage ? (response.data ?? {}) : undefined;
}

/** Buttons with a custom id, in the order Discord shows them. */
export function buttonsOf(response: APIInteractionResponse): APIButtonComponentWithCustomId[] {
  return (messageOf(response)?.components ?? []).flatMap((row) =>
    row.type === ComponentType.ActionRow
      ? row.components.filter((c): c is APIButtonComponentWithCustomId => c.type === ComponentType.Button && 'custom_id' in c)
      : [],
  );
}

/** The buttons that can be pressed; their position + 1 is what the person types. */
export const pressable = (response: APIInteractionResponse): APIButtonComponentWithCustomId[] =>
  buttonsOf(response).filter((button) => button.disabled !== true);

export function renderReply(response: APIInteractionResponse): string {
  const message = messageOf(response);
  const withoutButtons = message === undefined ? response : ({ ...response, data: { ...message, components: [] } } as APIInteractionResponse);
  const buttons = pressable(response).map((button, i) => `[${i + 1}] ${button.label ?? button.custom_id}`);
  return [printResponse(withoutButtons), ...(buttons.length > 0 ? [buttons.join('   ')] : [])].join('\n');
}

/** A message the bot posted into a channel by itself (an alert), under the channel's name. */
export function renderChannelPost(message: APIMessage, channelName: string): string {
  const response: APIInteractionResponse = {
    type: InteractionResponseType.ChannelMessageWithSource,
    data: { content: message.content, embeds: message.embeds },
  };
  return [`── posted in #${channelName} ──`, printResponse(response)].join('\n');
}
