// Discord's answers, read in one place: the errors @discordjs/rest throws (built
// here as REST builds them) become retry, pause, not-member or bug.
import { DiscordAPIError, HTTPError, RateLimitError } from '@discordjs/rest';
import { RESTJSONErrorCodes } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';

import { discordRefusal } from '../../src/discord/refusal.js';

const request = { body: undefined, files: undefined };
const apiError = (status: number, code: number | string, message = 'refused') =>
  new DiscordAPIError({ code: code as number, message }, code, status, 'POST', 'https://discord.test/api/v10/channels/1/messages', request);

describe('discordRefusal', () => {
  it('pauses on the channel refusals a moderator has to fix', () => {
    expect(discordRefusal(apiError(403, RESTJSONErrorCodes.MissingAccess))).toEqual({
      kind: 'pause',
      status: 403,
      code: 50001,
      reason: 'missing-access',
    });
    expect(discordRefusal(apiError(403, RESTJSONErrorCodes.MissingPermissions))).toEqual({
      kind: 'pause',
      status: 403,
      code: 50013,
      reason: 'missing-permissions',
    });
    expect(discordRefusal(apiError(404, RESTJSONErrorCodes.UnknownChannel))).toEqual({
      kind: 'pause',
      status: 404,
      code: 10003,
      reason: 'unknown-channel',
    });
  });

  it('tells a user who is not a member', () => {
    expect(discordRefusal(apiError(404, RESTJSONErrorCodes.UnknownMember))).toEqual({ kind: 'not-member', status: 404, code: 10007 });
  });

  it('retries what may pass later: rate limits, 5xx, 401, network errors', () => {
    const limit = new RateLimitError({
      timeToReset: 2_000,
      limit: 5,
      method: 'POST',
      hash: 'h',
      url: 'https://discord.test/api/v10/channels/1/messages',
      route: '/channels/:id/messages',
      majorParameter: '1',
      global: false,
      retryAfter: 1_500,
      sublimitTimeout: 0,
      scope: 'user',
    });
    expect(discordRefusal(limit)).toEqual({ kind: 'retry', status: 429, afterMs: 1_500 });
    expect(discordRefusal(apiError(429, 0, 'You are being rate limited.'))).toEqual({ kind: 'retry', status: 429 });
    expect(discordRefusal(apiError(500, 0, 'Internal Server Error'))).toEqual({ kind: 'retry', status: 500 });
    expect(discordRefusal(apiError(401, 0, '401: Unauthorized'))).toEqual({ kind: 'retry', status: 401 });
    expect(discordRefusal(new HTTPError(502, 'Bad Gateway', 'POST', 'https://discord.test/', request))).toEqual({ kind: 'retry', status: 502 });
    expect(discordRefusal(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toEqual({ kind: 'retry', status: 'error' });
    expect(discordRefusal(new DOMException('This operation was aborted', 'AbortError'))).toEqual({ kind: 'retry', status: 'error' });
    expect(discordRefusal('not even an error')).toEqual({ kind: 'retry', status: 'error' });
  });

  it('calls any other refusal a bug: sending it again will not help', () => {
    expect(discordRefusal(apiError(400, RESTJSONErrorCodes.InvalidFormBodyOrContentType))).toEqual({ kind: 'bug', status: 400, code: 50035 });
    expect(discordRefusal(apiError(403, RESTJSONErrorCodes.CannotSendMessagesToThisUser))).toEqual({ kind: 'bug', status: 403, code: 50007 });
    expect(discordRefusal(apiError(400, 'invalid_grant'))).toEqual({ kind: 'bug', status: 400, code: 'invalid_grant' });
  });
});
