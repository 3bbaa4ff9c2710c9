// Answering over REST (gateway mode) within Discord's 3 s: the dispatcher's
// answer goes to the callback endpoint if it is ready before the deadline;
// otherwise the interaction is deferred and the answer delivered by webhook.
import type { REST } from '@discordjs/rest';
import type { APIInteraction, APIInteractionResponse, APIPingInteraction } from 'discord-api-types/v10';
import { InteractionType, Routes } from 'discord-api-types/v10';

import type { Logger } from '../logging/logger.js';
import { deferralResponseFor, failureResponse } from './fallback-responses.js';
import { deliverLate } from './late-delivery.js';

/** The dispatcher with its dependencies bound: `(i) => respond(i, deps)`. */
export type RespondFn = (interaction: APIInteraction) => Promise<APIInteractionResponse>;

export interface AnswerOptions {
  respond: RespondFn;
  rest: Pick<REST, 'post' | 'patch'>;
  applicationId: string;
  logger: Logger;
  deadlineMs: number;
  /** Whether a late answer is deferred privately (see ephemeral-deferral.ts). */
  deferEphemeral: (interaction: APIInteraction) => boolean;
}

const LATE = Symbol('late');

async function safeRespond(interaction: Exclude<APIInteraction, APIPingInteraction>, options: AnswerOptions): Promise<APIInteractionResponse> {
  try {
    return await options.respond(interaction);
  } catch (error) {
    return failureResponse(interaction, error, options.logger);
  }
}

export async function answerInTime(interaction: APIInteraction, options: AnswerOptions): Promise<void> {
  if (interaction.type === InteractionType.Ping) return;
  const { rest, logger } = options;
  const callback = (body: APIInteractionResponse) => rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body, auth: false });
  try {
    const answer = safeRespond(interaction, options);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<typeof LATE>((resolve) => {
      timer = setTimeout(() => resolve(LATE), options.deadlineMs);
    });
    const first = await Promise.race([answer, late]);
    clearTimeout(timer);
    if (first !== LATE) {
      await callback(first);
      return;
    }
    await callback(deferralResponseFor(interaction, options.deferEphemeral(interaction)));
    await deliverLate(rest, options.applicationId, interaction, await answer, logger);
  } catch (error) {
    // Typically 10062 (answered too late) or 40060 (already acknowledged): nothing more to send.
    logger.error({ err: error, interactionId: interaction.id }, 'answering an interaction failed');
  }
}
