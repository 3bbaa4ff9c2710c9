// Delivers an answer that missed the deadline, after the server has deferred:
// by editing the original response, or, for a new message after a component
// deferral, as a follow-up (editing would overwrite the message the button was on).
import { InteractionResponseType, InteractionType, MessageFlags, Routes } from 'discord-api-types/v10';
import type {
  APIInteraction,
  APIInteractionResponse,
  APIInteractionResponseCallbackData,
  RESTPatchAPIWebhookWithTokenMessageJSONBody,
} from 'discord-api-types/v10';
import type { REST } from '@discordjs/rest';

/** The part of @discordjs/rest's REST client the server uses; tests pass one pointed at a fake. */
export type WebhookClient = Pick<REST, 'patch' | 'post'>;

export type LateDelivery = 'edited-original' | 'sent-follow-up' | 'not-deliverable';

/** An edit cannot change ephemerality or send TTS, so those are dropped. */
function editBody({ tts: _tts, flags, ...data }: APIInteractionResponseCallbackData): RESTPatchAPIWebhookWithTokenMessageJSONBody {
  const kept = (flags ?? 0) & ~MessageFlags.Ephemeral;
  return kept === 0 ? data : { ...data, flags: kept };
}

export async function deliverLate(
  rest: WebhookClient,
  applicationId: string,
  interaction: APIInteraction,
  response: APIInteractionResponse,
): Promise<LateDelivery> {
  const newMessage = response.type === InteractionResponseType.ChannelMessageWithSource;
  if (!newMessage && response.type !== InteractionResponseType.UpdateMessage) return 'not-deliverable';
  const data = response.data ?? {};
  if (newMessage && interaction.type === InteractionType.MessageComponent) {
    await rest.post(Routes.webhook(applicationId, interaction.token), { body: data, auth: false });
    return 'sent-follow-up';
  }
  await rest.patch(Routes.webhookMessage(applicationId, interaction.token, '@original'), { body: editBody(data), auth: false });
  return 'edited-original';
}
