// The real bot process in HTTP interactions mode (`LAGEBILD_MODE=http`):
// signed requests as Discord sends them, and everything that must be refused.
import { request } from 'node:http';

import { type APIInteractionResponse, InteractionResponseType, InteractionType } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { InteractionKeys, LocalDiscord } from '../../local-discord/index.js';
import { generateInteractionKeys, signedInteractionRequest, startLocalDiscord, validateInteractionResponse } from '../../local-discord/index.js';
import { chatInputInteraction } from '../../src/discord/interaction-payloads.js';
import { signedHeaders } from '../http/harness.js';
import { type BotProcess, startHttpBot, tempWorkDir, TEST_TOKEN } from './bot-process.js';
import { articleTitles } from './data-names.js';
import { textOf } from './replies.js';

interface HttpAnswer {
  status: number;
  body: string;
}

/** A raw request to the bot; the answer may come before the whole body was sent (413). */
function send(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    // The server may close the connection while we still write a refused body.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    req.end(body);
  });
}

const FIVE_MINUTES_AND_A_BIT = 5 * 60 + 30;

describe('HTTP interactions mode: the real bot process', () => {
  let discord: LocalDiscord;
  let bot: BotProcess;
  let keys: InteractionKeys;
  let port: number;
  const workDir = tempWorkDir('e2e-http');

  const post = (signed: { body: string; headers: Record<string, string> }) => send(port, 'POST', '/interactions', signed.headers, signed.body);
  const ping = () => ({
    id: '1300000000000000001',
    application_id: discord.applicationId,
    type: InteractionType.Ping,
    token: 'ping-token',
    version: 1,
  });
  const summary = () => chatInputInteraction(discord.guildPlace(), { name: 'summary' });

  beforeAll(async () => {
    discord = await startLocalDiscord({ token: TEST_TOKEN });
    keys = generateInteractionKeys();
    // On a port the system picks; the bot logs the one it got.
    ({ bot, port } = await startHttpBot(discord, workDir.path, keys.publicKeyHex));
  });

  afterAll(async () => {
    // Set in beforeAll, which may have failed before it got there.
    (bot as BotProcess | undefined)?.kill();
    await (discord as LocalDiscord | undefined)?.close();
    workDir.remove();
  });

  it('registers the commands and answers a signed PING with PONG', async () => {
    expect(bot.findLogs('slash commands registered')).toHaveLength(1);
    const answer = await post(signedInteractionRequest(ping(), keys.privateKey));
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ type: InteractionResponseType.Pong });
  });

  it('answers a signed /summary inline with a valid reply', async () => {
    const answer = await post(signedInteractionRequest(summary(), keys.privateKey));
    expect(answer.status).toBe(200);
    const response = JSON.parse(answer.body) as APIInteractionResponse;
    expect(validateInteractionResponse(response)).toEqual([]);
    expect(response.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(articleTitles('en').some((title) => textOf(response).includes(title))).toBe(true);
  });

  it('refuses a request signed with another key (401)', async () => {
    const forged = signedInteractionRequest(summary(), generateInteractionKeys().privateKey);
    expect((await post(forged)).status).toBe(401);
  });

  it('refuses a body changed after signing (401)', async () => {
    const signed = signedInteractionRequest(ping(), keys.privateKey);
    const tampered = { ...signed, body: signed.body.replace('"type":1', '"type":2') };
    expect(tampered.body).not.toBe(signed.body);
    expect((await post(tampered)).status).toBe(401);
  });

  it('refuses a replayed request with a stale timestamp (401)', async () => {
    const stale = signedInteractionRequest(ping(), keys.privateKey, Math.floor(Date.now() / 1000) - FIVE_MINUTES_AND_A_BIT);
    expect((await post(stale)).status).toBe(401);
  });

  it('refuses a request without signature headers (401)', async () => {
    expect((await send(port, 'POST', '/interactions', { 'content-type': 'application/json' }, JSON.stringify(ping()))).status).toBe(401);
  });

  it('refuses a body over 1 MiB (413)', async () => {
    const big = Buffer.alloc(1024 * 1024 + 1, 'a');
    const headers = signedInteractionRequest(ping(), keys.privateKey).headers;
    expect((await send(port, 'POST', '/interactions', { ...headers, 'content-length': String(big.length) }, big)).status).toBe(413);
  });

  it('refuses a validly signed body that is not JSON (400)', async () => {
    const body = 'this is not json';
    expect((await send(port, 'POST', '/interactions', signedHeaders(keys, body), body)).status).toBe(400);
  });

  it('answers GET /interactions with 405, an unknown path with 404 and GET /healthz with 200', async () => {
    expect((await send(port, 'GET', '/interactions')).status).toBe(405);
    expect((await send(port, 'GET', '/nope')).status).toBe(404);
    const health = await send(port, 'GET', '/healthz');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok' });
  });

  it('still serves valid requests after all of those, and stops cleanly', async () => {
    expect((await post(signedInteractionRequest(ping(), keys.privateKey))).status).toBe(200);
    const answer = await post(signedInteractionRequest(summary(), keys.privateKey));
    expect(answer.status).toBe(200);
    expect((JSON.parse(answer.body) as APIInteractionResponse).type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(bot.running).toBe(true);
    expect(discord.violations).toEqual([]);
    expect(await bot.stop()).toEqual({ code: 0, signal: null });
  });
});
