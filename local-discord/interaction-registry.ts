// Interactions the stand-in sent (or expects in HTTP mode): their callbacks, their
// @original message, and the waiter that resolves once the bot has answered.
import type { APIInteraction, APIInteractionResponse, APIMessage } from 'discord-api-types/v10';
import { InteractionResponseType } from 'discord-api-types/v10';

/** What the bot answered to one interaction. */
export interface InteractionOutcome {
  callback: APIInteractionResponse;
  /** For deferred callbacks (5, 6): the first @original edit or follow-up body. */
  message?: unknown;
}

/** Discord's deadline for the first answer. */
export const CALLBACK_DEADLINE_MS = 3_000;

const DEFERRED: ReadonlySet<number> = new Set([
  InteractionResponseType.DeferredChannelMessageWithSource,
  InteractionResponseType.DeferredMessageUpdate,
]);

export interface PendingInteraction {
  interaction: APIInteraction;
  createdAt: number;
  callback?: APIInteractionResponse;
  original?: APIMessage;
  settle(outcome: InteractionOutcome): void;
}

export class InteractionRegistry {
  private readonly byToken = new Map<string, PendingInteraction>();

  /** Registers an interaction; resolves with the bot's answer, rejects after `timeoutMs`. */
  expect(interaction: APIInteraction, timeoutMs: number): Promise<InteractionOutcome> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const seen = pending.callback ? `callback type ${pending.callback.type} but no @original edit or follow-up` : 'no callback';
        reject(new Error(`the bot did not answer interaction ${interaction.id} within ${timeoutMs} ms (${seen})`));
      }, timeoutMs);
      timer.unref();
      let settled = false;
      const pending: PendingInteraction = {
        interaction,
        createdAt: Date.now(),
        settle(outcome) {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve(outcome);
        },
      };
      this.byToken.set(interaction.token, pending);
    });
  }

  byInteractionToken(token: string): PendingInteraction | undefined {
    return this.byToken.get(token);
  }

  /** Records a callback; resolves the waiter unless the reply was deferred. */
  acknowledge(pending: PendingInteraction, callback: APIInteractionResponse): void {
    pending.callback = callback;
    if (!DEFERRED.has(callback.type)) pending.settle({ callback });
  }

  /** An @original edit or follow-up: completes a deferred reply. */
  completed(pending: PendingInteraction, message: unknown): void {
    if (pending.callback) pending.settle({ callback: pending.callback, message });
  }
}
