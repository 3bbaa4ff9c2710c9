// Asks a bot in HTTP mode as Discord does: the interaction signed and POSTed to its
// endpoint; the response checked against Discord's spec, and read as text.
import { request } from 'node:http';

import type { APIInteraction, APIInteractionResponse } from 'discord-api-types/v10';
import { expect } from 'vitest';

import { signedInteractionRequest, validateInteractionResponse } from '../../local-discord/index.js';
import { textOf } from './replies.js';

function post(port: number, body: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/interactions', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The text of the bot's answer to `interaction`, signed with `privateKey`. */
export async function askHttpBot(
  port: number,
  interaction: APIInteraction,
  privateKey: Parameters<typeof signedInteractionRequest>[1],
): Promise<string> {
  const signed = signedInteractionRequest(interaction, privateKey);
  const response = JSON.parse(await post(port, signed.body, signed.headers)) as APIInteractionResponse;
  expect(validateInteractionResponse(response)).toEqual([]);
  return textOf(response);
}
