// Answering over REST (gateway mode) within Discord's 3 s: the dispatcher's
// answer goes to the callback endpoint if it is ready before the deadline;
// otherwise the interaction is deferred and the answer delivered by webhook.
import type { APIInteraction, APIInteractionResponse } from 'discord-api-types/v10';
import { InteractionType, Routes } from 'discord-api-types/v10';

import type { Logger } from '../logging/logger.js';
import { withDeadline } from './deadline.js';
import { deferralResponseFor, type RespondFn, respondOrApologize } from './fallback-responses.js';
import { deliverLate, type WebhookClient } from './late-delivery.js';

export interface AnswerOptions {
  respond: RespondFn;
  rest: WebhookClient;
  applicationId: string;
  logger: Logger;
  deadlineMs: number;
  /** Whether a late answer is deferred privately (see ephemeralDeferral). */
  deferEphemeral: (interaction: APIInteraction) => boolean;
}

export async function answerInTime(interaction: APIInteraction, options: AnswerOptions): Promise<void> {
  if (interaction.type === InteractionType.Ping) return;
  const { rest, logger } = options;
  const callback = (body: APIInteractionResponse) => rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body, auth: false });
  try {
    const outcome = await withDeadline(respondOrApologize(options.respond, interaction, logger), options.deadlineMs);
    if (outcome.onTime) {
      await callback(outcome.value);
      return;
    }
    await callback(deferralResponseFor(interaction, options.deferEphemeral(interaction)));
    await deliverLate(rest, options.applicationId, interaction, await outcome.late, logger);
  } catch (error) {
    // Typically 10062 (answered too late) or 40060 (already acknowledged): nothing more to send.
    logger.error({ err: error, interactionId: interaction.id }, 'answering an interaction failed');
  }
}
