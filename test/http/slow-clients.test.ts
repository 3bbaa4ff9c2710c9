// Slow and stalled clients against the real bot process in HTTP mode (issue 9):
// a request that does not arrive in time is cut off at the request timeout,
// and many clients holding bodies open cost bounded memory while a signed
// request from a well-behaved client is still answered in time.
import { readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { connect } from 'node:net';

import { InteractionResponseType } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { InteractionKeys, LocalDiscord } from '../../local-discord/index.js';
import { generateInteractionKeys, signedInteractionRequest, startLocalDiscord } from '../../local-discord/index.js';
import { chatInputInteraction } from '../../src/discord/interaction-payloads.js';
import { type BotProcess, startHttpBot, tempWorkDir, TEST_TOKEN } from '../e2e/bot-process.js';

const REQUEST_TIMEOUT_MS = 15_000;

/** Headers that pass every check made before the body (a 128-character signature, a fresh timestamp). */
function unverifiedHeaders(contentLength: number): string {
  return [
    'POST /interactions HTTP/1.1',
    'Host: 127.0.0.1',
    'Content-Type: application/json',
    `Content-Length: ${contentLength}`,
    `X-Signature-Ed25519: ${'ab'.repeat(64)}`,
    `X-Signature-Timestamp: ${Math.floor(Date.now() / 1000)}`,
    '',
    '',
  ].join('\r\n');
}

interface SlowClient {
  socket: Socket;
  /** What the server answered, if anything. */
  received: () => string;
  /** Milliseconds from connecting until the connection closed. */
  closed: Promise<number>;
  /** Whether it has closed (before we destroy it). */
  isClosed: () => boolean;
}

function slowClient(port: number, first: string | Buffer): SlowClient {
  const started = Date.now();
  const socket = connect(port, '127.0.0.1', () => socket.write(first));
  let received = '';
  socket.setEncoding('latin1').on('data', (chunk: string) => (received += chunk));
  // The server may reset a connection it gives up on while we still write.
  socket.on('error', () => undefined);
  let isClosed = false;
  const closed = new Promise<number>((resolve) =>
    socket.once('close', () => {
      isClosed = true;
      resolve(Date.now() - started);
    }),
  );
  return { socket, received: () => received, closed, isClosed: () => isClosed };
}

/** VmRSS of a process, in MiB (Linux). */
function residentMiB(pid: number): number {
  const kib = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kib) / 1024;
}

describe('slow clients against the real bot process in HTTP mode', () => {
  let discord: LocalDiscord;
  let bot: BotProcess;
  let keys: InteractionKeys;
  let port: number;
  let pid: number;
  const workDir = tempWorkDir('http-slow');

  const signedSummary = async (): Promise<{ status: number; type: unknown; ms: number }> => {
    const signed = signedInteractionRequest(chatInputInteraction(discord.guildPlace(), { name: 'summary' }), keys.privateKey);
    const started = Date.now();
    const res = await fetch(`http://127.0.0.1:${port}/interactions`, { method: 'POST', headers: signed.headers, body: signed.body });
    const body = (await res.json()) as { type?: unknown };
    return { status: res.status, type: body.type, ms: Date.now() - started };
  };

  beforeAll(async () => {
    discord = await startLocalDiscord({ token: TEST_TOKEN });
    keys = generateInteractionKeys();
    const started = await startHttpBot(discord, workDir.path, keys.publicKeyHex);
    bot = started.bot;
    port = started.port;
    pid = Number(started.listening.pid);
  });

  afterAll(async () => {
    bot.kill();
    await discord.close();
    workDir.remove();
  });

  it(
    'cuts off a request whose body stalls or trickles, or whose headers stall, at the request timeout',
    async () => {
      const stalledBody = slowClient(port, unverifiedHeaders(200) + '{"type":');
      const trickle = slowClient(port, unverifiedHeaders(10_000));
      // One byte every half second: never idle for long, never done.
      const dripping = setInterval(() => trickle.socket.writable && trickle.socket.write(' '), 500);
      const stalledHeaders = slowClient(port, 'POST /interactions HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      try {
        const lived = await Promise.all([stalledBody.closed, trickle.closed, stalledHeaders.closed]);
        for (const ms of lived) {
          expect(ms).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 500);
          expect(ms).toBeLessThan(REQUEST_TIMEOUT_MS + 2500);
        }
        for (const client of [stalledBody, trickle, stalledHeaders]) expect(client.received()).toMatch(/^HTTP\/1\.1 408 /);
      } finally {
        clearInterval(dripping);
        for (const client of [stalledBody, trickle, stalledHeaders]) client.socket.destroy();
      }
    },
    REQUEST_TIMEOUT_MS + 10_000,
  );

  it('keeps memory bounded while many clients hold large unfinished bodies, and still answers a signed request in time', async () => {
    const clients = 400;
    const sent = 768 * 1024;
    expect((await signedSummary()).status).toBe(200);
    const before = residentMiB(pid);
    let peak = before;
    const sampling = setInterval(() => (peak = Math.max(peak, residentMiB(pid))), 50);
    const holders: SlowClient[] = [];
    try {
      // Each sends three quarters of a 1 MiB body, then stalls: 300 MiB in all if the server kept it.
      const part = Buffer.alloc(sent, 0x20);
      for (let i = 0; i < clients; i++) holders.push(slowClient(port, Buffer.concat([Buffer.from(unverifiedHeaders(1024 * 1024)), part])));
      // Everything sent has been taken by the server, or the server closed the connection.
      const settled = () => holders.every((h) => h.socket.destroyed || (h.socket.readyState === 'open' && h.socket.writableLength === 0));
      await expect.poll(settled, { timeout: 20_000 }).toBe(true);
      const answer = await signedSummary();
      expect(answer).toMatchObject({ status: 200, type: InteractionResponseType.ChannelMessageWithSource });
      expect(answer.ms).toBeLessThan(3000);
      // At most 16 MiB of unverified bodies stay open (21 of these); the server lets go of the others.
      await expect.poll(() => holders.filter((h) => h.isClosed()).length, { timeout: 20_000 }).toBeGreaterThan(clients - 32);
    } finally {
      clearInterval(sampling);
      for (const holder of holders) holder.socket.destroy();
    }
    expect(peak - before, `resident memory grew by ${(peak - before).toFixed(0)} MiB`).toBeLessThan(100);
    // Those dropped to stay within the bound were told so (unless the close raced our last write).
    expect(holders.filter((h) => h.received().startsWith('HTTP/1.1 503 ')).length).toBeGreaterThan(clients / 2);
    expect(bot.running).toBe(true);
  }, 40_000);
});
