// The spec side of the validator: routing concrete paths to the spec's templates, formats,
// int-parseable strings, and unions reported by the field that is wrong.
import { describe, expect, it } from 'vitest';

import { matchSpecPath, validateInteractionResponse, validateRequest } from '../../local-discord/contract/validate-request.js';
import { expectFlagged } from './flagged.js';

describe('matching paths to the spec', () => {
  it('maps concrete paths, with or without /api/v10 and a query, to templates', () => {
    expect(matchSpecPath('/api/v10/channels/123/messages')).toEqual({ template: '/channels/{channel_id}/messages', params: { channel_id: '123' } });
    expect(matchSpecPath('/channels/123/messages')?.template).toBe('/channels/{channel_id}/messages');
    expect(matchSpecPath('/api/v10/webhooks/1/tok?wait=true')).toEqual({
      template: '/webhooks/{webhook_id}/{webhook_token}',
      params: { webhook_id: '1', webhook_token: 'tok' },
    });
  });

  it('prefers @original (also percent-encoded, as discord.js sends it) over a message id', () => {
    expect(matchSpecPath('/api/v10/webhooks/1/tok/messages/%40original')?.template).toBe('/webhooks/{webhook_id}/{webhook_token}/messages/@original');
    expect(matchSpecPath('/webhooks/1/tok/messages/99')?.template).toBe('/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}');
  });

  it('reports routes and methods Discord does not have', () => {
    expect(validateRequest('POST', '/api/v10/nothing/here', {})[0]).toMatch(/not an operation/);
    expect(validateRequest('DELETE', '/api/v10/gateway/bot', undefined)[0]).toMatch(/not allowed/);
  });

  it('accepts body-less requests and requires the body where the spec does', () => {
    expect(validateRequest('GET', '/api/v10/gateway/bot', undefined)).toEqual([]);
    expectFlagged(validateRequest('POST', '/api/v10/channels/1/messages', undefined), '/');
  });
});

describe('spec rules', () => {
  it('accepts an int-parseable string where the spec says integer, as Discord does', () => {
    const command = { name: 'summary', description: 'Latest article', default_member_permissions: '32' };
    expect(validateRequest('POST', '/applications/1/commands', command)).toEqual([]);
    expectFlagged(
      validateRequest('POST', '/applications/1/commands', { ...command, default_member_permissions: 'admins' }),
      '/default_member_permissions',
    );
  });

  it('takes a nonce as integer or as a string of digits without calling the union ambiguous', () => {
    expect(validateRequest('POST', '/channels/1/messages', { content: 'a', nonce: 123 })).toEqual([]);
    expect(validateRequest('POST', '/channels/1/messages', { content: 'a', nonce: '123', enforce_nonce: true })).toEqual([]);
  });

  it('checks formats such as snowflake and uri', () => {
    expectFlagged(
      validateRequest('POST', '/channels/1/messages', { content: 'a', allowed_mentions: { roles: ['not-a-snowflake'] } }),
      '/allowed_mentions/roles/0',
    );
    expectFlagged(validateRequest('POST', '/channels/1/messages', { embeds: [{ title: 't', url: 'not a url' }] }), '/embeds/0/url');
  });

  it('reports the field that breaks the right branch of the callback union, not every branch', () => {
    const violations = validateInteractionResponse({ type: 4, data: { content: 'hi', embeds: [{ title: 'x'.repeat(257) }] } });
    expect(violations).toEqual(['/data/embeds/0/title: must NOT have more than 256 characters']);
  });

  it('rejects an unknown callback type', () => {
    expectFlagged(validateInteractionResponse({ type: 42 }), '/type');
  });

  it('rejects a wrongly typed field', () => {
    expectFlagged(validateInteractionResponse({ type: 4, data: { content: 'hi', tts: 'yes' } }), '/data/tts');
  });
});
