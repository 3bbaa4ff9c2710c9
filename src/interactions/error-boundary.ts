// The one place that turns failures into answers: a UserError shows its
// localized message, anything else a generic apology with an error id that
// is also logged. Nothing escapes, so every interaction gets an answer.
import { randomBytes } from 'node:crypto';

import type { APIApplicationCommandOptionChoice } from 'discord-api-types/v10';

import type { Language } from '../i18n/language.js';
import { t } from '../i18n/t.js';
import type { Reply } from '../render/reply.js';
import { UserError } from './user-error.js';

export interface ErrorLog {
  error(obj: object, msg: string): void;
}

/** A short id that ties the apology a user sees to its log line. */
export function newErrorId(): string {
  return randomBytes(4).toString('hex');
}

/** Runs a handler; failures become an ephemeral reply. `context` goes into the log line. */
export async function guardReply(run: () => Reply | Promise<Reply>, lang: Language, log: ErrorLog, context: object): Promise<Reply> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof UserError) return { content: t(lang, err.key, err.params), ephemeral: true };
    const errorId = newErrorId();
    log.error({ errorId, err, ...context }, 'interaction handler failed');
    return { content: t(lang, 'error.generic', { errorId }), ephemeral: true };
  }
}

/** Runs an autocomplete handler; on failure the user sees no choices and we get a log line. */
export async function guardChoices(
  run: () => APIApplicationCommandOptionChoice[] | Promise<APIApplicationCommandOptionChoice[]>,
  log: ErrorLog,
  context: object,
): Promise<APIApplicationCommandOptionChoice[]> {
  try {
    return await run();
  } catch (err) {
    log.error({ errorId: newErrorId(), err, ...context }, 'autocomplete handler failed');
    return [];
  }
}
