// Discord's refusals that mean "this channel cannot take alerts until a moderator
// acts", by JSON error code: the delivery worker pauses on them and `/alerts test`
// explains them, so both read them from here.
import { RESTJSONErrorCodes } from 'discord-api-types/v10';

import { discordErrorCode } from '../discord/api-error-code.js';
import type { PauseReason } from './subscriptions.js';

const PAUSE_REASONS: ReadonlyMap<number, PauseReason> = new Map([
  [RESTJSONErrorCodes.MissingAccess, 'missing-access'],
  [RESTJSONErrorCodes.MissingPermissions, 'missing-permissions'],
  [RESTJSONErrorCodes.UnknownChannel, 'unknown-channel'],
]);

/** The pause reason for a Discord error with one of those codes; undefined for anything else. */
export function pauseReason(error: unknown): PauseReason | undefined {
  const code = discordErrorCode(error);
  return code === undefined ? undefined : PAUSE_REASONS.get(code);
}
