// What an error from a Discord REST call means for the caller, decided here and
// nowhere else: wait and try again, stop sending to a channel until a moderator
// acts, treat a user as gone, or give up on a request Discord will never take.
//
// Read by shape rather than `instanceof DiscordAPIError`: importing @discordjs/rest
// costs ~170 ms, which the CLI and the commands should not pay.
import { RESTJSONErrorCodes } from 'discord-api-types/v10';

/** Why a channel refuses the bot's messages; each one is a moderator's to fix. */
export type ChannelRefusal = 'missing-access' | 'missing-permissions' | 'unknown-channel';

export type Refusal =
  /**
   * Worth sending again later: a rate limit REST did not wait out (`afterMs` is Discord's
   * wait), 5xx, a network error or timeout, or 401 (a bad token, the operator's to fix).
   * `status` is 'error' when no answer came.
   */
  | { kind: 'retry'; status: number | 'error'; afterMs?: number }
  /** The channel refuses the bot (403 50001 or 50013, 404 10003); asking again will not change that. */
  | { kind: 'pause'; status: number; code: number; reason: ChannelRefusal }
  /** The user is not a member of the guild (404 10007), e.g. a bot that was removed. */
  | { kind: 'not-member'; status: number; code: number }
  /** Any other refusal: the request itself is wrong, and will be refused however often it is sent. */
  | { kind: 'bug'; status: number; code: number | string };

const CHANNEL_REFUSALS: ReadonlyMap<unknown, ChannelRefusal> = new Map([
  [RESTJSONErrorCodes.MissingAccess, 'missing-access'],
  [RESTJSONErrorCodes.MissingPermissions, 'missing-permissions'],
  [RESTJSONErrorCodes.UnknownChannel, 'unknown-channel'],
]);

function numberField(error: object, field: string): number | undefined {
  const value = (error as Record<string, unknown>)[field];
  return typeof value === 'number' ? value : undefined;
}

/** The meaning of an error thrown by a call through @discordjs/rest (or anything else it threw). */
export function discordRefusal(error: unknown): Refusal {
  if (typeof error !== 'object' || error === null) return { kind: 'retry', status: 'error' };
  // RateLimitError: REST was told not to sit out this wait (rejectOnRateLimit).
  const retryAfter = numberField(error, 'retryAfter');
  if (retryAfter !== undefined && 'timeToReset' in error) return { kind: 'retry', status: 429, afterMs: retryAfter };
  const status = numberField(error, 'status');
  // HTTPError (no JSON body, e.g. a 5xx after REST's own retries), timeouts and network errors.
  if (!('rawError' in error) || status === undefined) return { kind: 'retry', status: status ?? 'error' };
  // DiscordAPIError: Discord answered with a JSON error code.
  const code = (error as { code?: unknown }).code;
  const reason = CHANNEL_REFUSALS.get(code);
  if (reason !== undefined && typeof code === 'number') return { kind: 'pause', status, code, reason };
  if (code === RESTJSONErrorCodes.UnknownMember) return { kind: 'not-member', status, code };
  if (status === 401 || status === 429 || status >= 500) return { kind: 'retry', status };
  return { kind: 'bug', status, code: typeof code === 'number' || typeof code === 'string' ? code : status };
}
