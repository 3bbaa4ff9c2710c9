import { describe, expect, test } from 'vitest';

import { generateInteractionKeys } from '../../local-discord/signed-request.js';
import { createSignatureVerifier, ed25519PublicKey, isFreshTimestamp, signRequest } from '../../src/http/signature.js';

const keys = generateInteractionKeys();
const verify = createSignatureVerifier(keys.publicKeyHex);
const message = (timestamp: string, body: string) => Buffer.from(timestamp + body);

describe('createSignatureVerifier', () => {
  test('accepts the signature over timestamp + body and nothing else', () => {
    const signature = signRequest(keys.privateKey, '1700000000', '{"type":1}');
    expect(verify(message('1700000000', '{"type":1}'), signature)).toBe(true);
    expect(verify(message('1700000000', '{"type":2}'), signature)).toBe(false);
    expect(verify(message('1700000001', '{"type":1}'), signature)).toBe(false);
    expect(verify(message('1700000000', '{"type":1}'), signature.toUpperCase())).toBe(true);
  });

  test('rejects malformed signatures without throwing', () => {
    const signature = signRequest(keys.privateKey, '1', 'x');
    for (const bad of [undefined, '', 'abc', signature.slice(2), `${signature}00`, `${signature.slice(0, 127)}z`, 'g'.repeat(128)]) {
      expect(verify(message('1', 'x'), bad), String(bad)).toBe(false);
    }
  });

  test('refuses a public key that is not 64 hex characters', () => {
    expect(() => ed25519PublicKey('abcd')).toThrow(/64 hex/);
    expect(() => ed25519PublicKey(`${keys.publicKeyHex.slice(0, 62)}zz`)).toThrow(/64 hex/);
    expect(ed25519PublicKey(keys.publicKeyHex).asymmetricKeyType).toBe('ed25519');
  });
});

describe('isFreshTimestamp', () => {
  const now = 1_700_000_000_000;
  test('accepts up to the tolerance either way', () => {
    expect(isFreshTimestamp('1700000000', now, 300)).toBe(true);
    expect(isFreshTimestamp('1699999700', now, 300)).toBe(true);
    expect(isFreshTimestamp('1700000300', now, 300)).toBe(true);
    expect(isFreshTimestamp('1699999699', now, 300)).toBe(false);
    expect(isFreshTimestamp('1700000301', now, 300)).toBe(false);
  });

  test('rejects what is not a number of seconds', () => {
    for (const bad of [undefined, '', '17e8', '-1700000000', ' 1700000000', '1700000000.5', '1'.repeat(13)]) {
      expect(isFreshTimestamp(bad, now, 300), String(bad)).toBe(false);
    }
  });
});
