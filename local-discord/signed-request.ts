// HTTP-mode interactions: Discord signs `timestamp + body` with the application's Ed25519 key.
import type { KeyObject } from 'node:crypto';
import { generateKeyPairSync, sign } from 'node:crypto';

export interface SignedRequest {
  /** The exact bytes that were signed; send them unchanged. */
  body: string;
  headers: {
    'content-type': 'application/json';
    'x-signature-ed25519': string;
    'x-signature-timestamp': string;
  };
}

export interface InteractionKeys {
  privateKey: KeyObject;
  /** The 32 raw bytes of the public key in hex, as the developer portal shows it. */
  publicKeyHex: string;
}

/** A fresh key pair, standing in for the application's key in the developer portal. */
export function generateInteractionKeys(): InteractionKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  return { privateKey, publicKeyHex: Buffer.from(jwk.x ?? '', 'base64url').toString('hex') };
}

/** Signs a payload as Discord would for a POST to the bot's interactions endpoint. */
export function signedInteractionRequest(payload: unknown, privateKey: KeyObject, timestamp = Math.floor(Date.now() / 1000)): SignedRequest {
  const body = JSON.stringify(payload);
  const signature = sign(null, Buffer.from(`${timestamp}${body}`), privateKey).toString('hex');
  return {
    body,
    headers: { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': String(timestamp) },
  };
}
