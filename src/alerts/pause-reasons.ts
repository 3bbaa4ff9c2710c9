// Discord's refusals that mean "this channel cannot take alerts until a moderator
// acts", by JSON error code: the delivery worker pauses on them and `/alerts test`
// explains them, so both read them from here.
import { DiscordAPIError } from '@discordjs/rest';
import { RESTJSONErrorCodes } from 'discord-api-types/v10';
import type { PauseReason } from './subscriptions.js';

export const PAUSE_REASONS: ReadonlyMap<number, PauseReason> = new Map([
  [RESTJSONErrorCodes.MissingAccess, 'missing-access'],
  [RESTJSONErrorCodes.MissingPermissions, 'missing-permissions'],
  [RESTJSONErrorCodes.UnknownChannel, 'unknown-channel'],
]);

/** The pause reason for a Discord error with one of those codes; undefined for anything else. */
export function pauseReason(error: unknown): PauseReason | undefined {
  return error instanceof DiscordAPIError && typeof error.code === 'number' ? PAUSE_REASONS.get(error.code) : undefined;
}
