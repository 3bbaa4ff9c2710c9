// Ed25519 request signatures as Discord sends them: the signature in
// X-Signature-Ed25519 covers X-Signature-Timestamp followed by the raw body.
import type { KeyObject } from 'node:crypto';
import { createPublicKey, sign, verify } from 'node:crypto';

/** ASN.1 header of an Ed25519 SubjectPublicKeyInfo; the 32 raw key bytes follow. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** `message` is the timestamp bytes followed by the raw body. */
export type SignatureVerifier = (message: Buffer, signatureHex: string | undefined) => boolean;

/** Builds the key object from 64 hex characters; throws on anything else (config validates it first). */
export function ed25519PublicKey(publicKeyHex: string): KeyObject {
  const raw = Buffer.from(publicKeyHex, 'hex');
  if (publicKeyHex.length !== 64 || raw.length !== 32) {
    throw new Error('The Discord public key must be 64 hex characters');
  }
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** The key is built once here, not per request. Never throws: anything malformed is simply invalid. */
export function createSignatureVerifier(publicKeyHex: string): SignatureVerifier {
  const key = ed25519PublicKey(publicKeyHex);
  return (message, signatureHex) => {
    if (signatureHex === undefined || signatureHex.length !== 128) return false;
    // Buffer.from stops at the first non-hex character, so a short result means malformed input.
    const signature = Buffer.from(signatureHex, 'hex');
    if (signature.length !== 64) return false;
    try {
      return verify(null, message, key, signature);
    } catch {
      return false;
    }
  };
}

/**
 * Whether a X-Signature-Timestamp (unix seconds) lies within `toleranceSeconds`
 * of now, either way. Replays of old requests fail this even with a valid signature.
 */
export function isFreshTimestamp(timestamp: string | undefined, nowMs: number, toleranceSeconds: number): boolean {
  if (timestamp === undefined || !/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(nowMs / 1000 - Number(timestamp)) <= toleranceSeconds;
}

/** Signs as Discord does; for stand-ins of Discord (tests, benchmarks, local emulation). */
export function signRequest(privateKey: KeyObject, timestamp: string, body: string | Buffer): string {
  return sign(null, Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]), privateKey).toString('hex');
}
