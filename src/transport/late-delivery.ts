// Delivers an answer that missed the deadline, after the server has deferred:
// by editing the original response, or, for a new message after a component
// deferral, as a follow-up (editing would overwrite the message the button was on).
// Shared by both modes: the HTTP server and gateway mode's answerInTime.
import type { REST } from '@discordjs/rest';
import type {
  APIInteraction,
  APIInteractionResponse,
  APIInteractionResponseCallbackData,
  RESTPatchAPIWebhookWithTokenMessageJSONBody,
} from 'discord-api-types/v10';
import { InteractionResponseType, InteractionType, MessageFlags, Routes } from 'discord-api-types/v10';

import type { Logger } from '../logging/logger.js';

/** The part of @discordjs/rest's REST client the server uses; tests pass one pointed at a fake. */
export type WebhookClient = Pick<REST, 'patch' | 'post'>;

/** An edit cannot change ephemerality or send TTS, so those are dropped. */
function editBody({ tts: _tts, flags, ...data }: APIInteractionResponseCallbackData): RESTPatchAPIWebhookWithTokenMessageJSONBody {
  const kept = (flags ?? 0) & ~MessageFlags.Ephemeral;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- MessageFlags is a bit set: what is left of it is no single member
  return kept === 0 ? data : { ...data, flags: kept };
}

/** Rejects when Discord refuses the webhook call; the caller logs that. */
export async function deliverLate(
  rest: WebhookClient,
  applicationId: string,
  interaction: APIInteraction,
  response: APIInteractionResponse,
  logger: Logger,
): Promise<void> {
  const newMessage = response.type === InteractionResponseType.ChannelMessageWithSource;
  if (!newMessage && response.type !== InteractionResponseType.UpdateMessage) {
    // Late autocomplete choices are expected and useless; anything else undeliverable is a dispatcher bug.
    if (interaction.type !== InteractionType.ApplicationCommandAutocomplete) {
      logger.warn(
        { interactionId: interaction.id, interactionType: interaction.type, responseType: response.type },
        'late answer cannot be delivered after a deferral',
      );
    }
    return;
  }
  const data = response.data ?? {};
  if (newMessage && interaction.type === InteractionType.MessageComponent) {
    await rest.post(Routes.webhook(applicationId, interaction.token), { body: data, auth: false });
  } else {
    await rest.patch(Routes.webhookMessage(applicationId, interaction.token, '@original'), { body: editBody(data), auth: false });
  }
}
