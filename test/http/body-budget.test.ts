// The bound on bodies still arriving: the budget on its own, and in the server,
// where a dropped body is answered 503 and a complete signed request still passes.
import { connect } from 'node:net';

import { REST } from '@discordjs/rest';
import { InteractionResponseType, InteractionType } from 'discord-api-types/v10';
import { describe, expect, test } from 'vitest';

import { generateInteractionKeys } from '../../local-discord/signed-request.js';
import { createBodyBudget } from '../../src/http/body-budget.js';
import { startInteractionsServer } from '../../src/http/interactions-server.js';
import { capturingLogger, signedHeaders } from './harness.js';

describe('createBodyBudget', () => {
  test('drops the oldest open body when a new one would exceed the count', () => {
    const budget = createBodyBudget({ maxBodies: 2, maxBytes: 1000 });
    const dropped: string[] = [];
    const a = budget.admit(() => dropped.push('a'));
    budget.admit(() => dropped.push('b'));
    expect(dropped).toEqual([]);
    budget.admit(() => dropped.push('c'));
    expect(dropped).toEqual(['a']);
    expect(budget.bodies).toBe(2);
    expect(a.add(10)).toBe(false);
  });

  test('drops the oldest bodies when a chunk would exceed the bytes, and this body only if it is the oldest left', () => {
    const budget = createBodyBudget({ maxBodies: 10, maxBytes: 100 });
    const dropped: string[] = [];
    const a = budget.admit(() => dropped.push('a'));
    const b = budget.admit(() => dropped.push('b'));
    const c = budget.admit(() => dropped.push('c'));
    expect(a.add(40)).toBe(true);
    expect(b.add(40)).toBe(true);
    expect(c.add(30)).toBe(true);
    expect(dropped).toEqual(['a']);
    expect(budget.bytes).toBe(70);
    expect(b.add(60)).toBe(false);
    expect(dropped).toEqual(['a', 'b']);
    expect(budget.bytes).toBe(30);
    expect(budget.bodies).toBe(1);
  });

  test('a released body frees its share, once', () => {
    const budget = createBodyBudget({ maxBodies: 1, maxBytes: 100 });
    const a = budget.admit(() => {
      throw new Error('never dropped');
    });
    a.add(60);
    a.release();
    a.release();
    expect(budget.bodies).toBe(0);
    expect(budget.bytes).toBe(0);
    const b = budget.admit(() => undefined);
    expect(b.add(100)).toBe(true);
  });
});

describe('the server under stalled bodies', () => {
  test('beyond the bound the oldest stalled body is answered 503 and closed; a signed request is still answered', async () => {
    const keys = generateInteractionKeys();
    const { logger } = capturingLogger();
    const server = await startInteractionsServer({
      port: 0,
      host: '127.0.0.1',
      publicKey: keys.publicKeyHex,
      applicationId: '1100000000000000000',
      respond: () => Promise.reject(new Error('only PINGs here')),
      rest: new REST(),
      logger,
      maxPendingBodies: 3,
      maxPendingBodyBytes: 64 * 1024,
    });
    const stalled = Array.from({ length: 4 }, () => {
      const socket = connect(server.port, '127.0.0.1');
      let received = '';
      socket.setEncoding('latin1').on('data', (chunk: string) => (received += chunk));
      socket.on('error', () => undefined);
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      const headers = { ...signedHeaders(keys, '{}'), 'content-length': '100' };
      const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
      return {
        socket,
        closed,
        received: () => received,
        start: () => socket.write(`POST /interactions HTTP/1.1\r\nHost: x\r\n${head.join('')}\r\n{"ty`),
      };
    });
    try {
      for (const client of stalled) {
        client.start();
        // In order, so the first is the oldest.
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const [oldest, second] = stalled as [(typeof stalled)[number], (typeof stalled)[number]];
      await oldest.closed;
      expect(oldest.received()).toMatch(/^HTTP\/1\.1 503 /);
      expect(stalled.slice(1).every((client) => !client.socket.destroyed && client.received() === '')).toBe(true);

      const body = JSON.stringify({ type: InteractionType.Ping, id: '1', application_id: '1100000000000000000', token: 't', version: 1 });
      const res = await fetch(`http://127.0.0.1:${server.port}/interactions`, { method: 'POST', body, headers: signedHeaders(keys, body) });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ type: InteractionResponseType.Pong });
      // The PING's body took a place for a moment and pushed out the next oldest stalled body.
      await second.closed;
      expect(second.received()).toMatch(/^HTTP\/1\.1 503 /);
    } finally {
      for (const client of stalled) client.socket.destroy();
      await server.close();
    }
  });
});
