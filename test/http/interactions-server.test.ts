import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

import { REST } from '@discordjs/rest';
import type { APIInteraction, APIInteractionResponse } from 'discord-api-types/v10';
import { InteractionResponseType, InteractionType, MessageFlags } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { generateInteractionKeys } from '../../local-discord/signed-request.js';
import type { ListeningServer, RespondFn } from '../../src/http/interactions-server.js';
import { startInteractionsServer } from '../../src/http/interactions-server.js';
import { t } from '../../src/i18n/t.js';
import { without } from '../support/without.js';
import { capturingLogger, fakeDiscordRest, nowSeconds, signedHeaders } from './harness.js';

const APP_ID = '1100000000000000000';
const DEADLINE_MS = 200;
const keys = generateInteractionKeys();
const otherKeys = generateInteractionKeys();
const log = capturingLogger();
let health = { knowledgeBase: true, store: true };
let discord: Awaited<ReturnType<typeof fakeDiscordRest>>;
let server: ListeningServer;
let base: string;

/** What the stub dispatcher is asked to do, read from the command name or custom id. */
function nameOf(interaction: APIInteraction): string {
  if (interaction.type === InteractionType.MessageComponent) return interaction.data.custom_id;
  if (interaction.type === InteractionType.ApplicationCommand || interaction.type === InteractionType.ApplicationCommandAutocomplete) {
    return interaction.data.name;
  }
  return '';
}

const respond: RespondFn = async (interaction) => {
  if (interaction.type === InteractionType.Ping) throw new Error('the server answers PING itself');
  const name = nameOf(interaction);
  if (name.startsWith('slow')) await sleep(DEADLINE_MS * 2);
  if (name.includes('boom')) throw new Error(`stub failure in ${name}`);
  if (interaction.type === InteractionType.ApplicationCommandAutocomplete) {
    return { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [{ name, value: name }] } };
  }
  if (interaction.type === InteractionType.MessageComponent) {
    return { type: InteractionResponseType.UpdateMessage, data: { content: `page for ${name}` } };
  }
  return {
    type: InteractionResponseType.ChannelMessageWithSource,
    data: {
      content: `answer to ${name} (${interaction.locale})`,
      allowed_mentions: { parse: [] },
      ...(name.includes('private') ? { flags: MessageFlags.Ephemeral } : {}),
    },
  };
};

function interaction(type: InteractionType, name: string, locale = 'en-US'): APIInteraction {
  const data =
    type === InteractionType.MessageComponent ? { custom_id: name, component_type: 2 } : { id: '1100000000000000002', name, type: 1, options: [] };
  return {
    id: '1100000000000000001',
    application_id: APP_ID,
    type,
    token: `interaction-token-${randomUUID()}`,
    version: 1,
    locale,
    user: { id: '1100000000000000003', username: 'tester', discriminator: '0', global_name: null, avatar: null },
    data,
    ...(type === InteractionType.MessageComponent ? { message: { id: '1100000000000000004' } } : {}),
  } as unknown as APIInteraction;
}

async function post(body: string, headers: Record<string, string>, path = '/interactions') {
  const res = await fetch(base + path, { method: 'POST', body, headers });
  return { status: res.status, type: res.headers.get('content-type'), json: (await res.json()) as Record<string, unknown> };
}

const signedPost = (payload: unknown, signer = keys) => {
  const body = JSON.stringify(payload);
  return post(body, signedHeaders(signer, body));
};

/** Sends a body in pieces with node:http, so the server sees it arrive (chunked when no length is given). */
function rawPost(headers: Record<string, string>, chunks: Buffer[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/interactions`, { method: 'POST', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

beforeAll(async () => {
  discord = await fakeDiscordRest();
  server = await startInteractionsServer({
    port: 0,
    host: '127.0.0.1',
    publicKey: keys.publicKeyHex,
    applicationId: APP_ID,
    respond,
    rest: new REST({ api: discord.api, retries: 0 }),
    logger: log.logger,
    health: () => health,
    deferEphemeral: (i) => nameOf(i).includes('private'),
    deadlineMs: DEADLINE_MS,
  });
  base = `http://127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server.close();
  await discord.close();
});

describe('signature and freshness', () => {
  test('a signed PING gets PONG', async () => {
    const res = await signedPost({ type: InteractionType.Ping, id: '1', application_id: APP_ID, token: 't', version: 1 });
    expect(res).toEqual({ status: 200, type: 'application/json', json: { type: InteractionResponseType.Pong } });
  });

  test('a missing signature is 401', async () => {
    const body = JSON.stringify({ type: 1 });
    const headers = without(signedHeaders(keys, body), 'x-signature-ed25519');
    expect((await post(body, headers)).status).toBe(401);
    const withoutTimestamp = without(signedHeaders(keys, body), 'x-signature-timestamp');
    expect((await post(body, withoutTimestamp)).status).toBe(401);
  });

  test('a malformed signature is 401', async () => {
    const body = JSON.stringify({ type: 1 });
    const headers = signedHeaders(keys, body);
    for (const bad of ['zz'.repeat(64), 'abc', headers['x-signature-ed25519']!.slice(0, 126) + 'g0', '']) {
      const res = await post(body, { ...headers, 'x-signature-ed25519': bad });
      expect(res.status, bad).toBe(401);
      expect(res.type).toBe('application/json');
    }
  });

  test('a signature by another key is 401', async () => {
    expect((await signedPost({ type: 1 }, otherKeys)).status).toBe(401);
  });

  test('a tampered body is 401', async () => {
    const body = JSON.stringify({ type: 1 });
    const headers = signedHeaders(keys, body);
    expect((await post(JSON.stringify({ type: 1, id: '2' }), headers)).status).toBe(401);
  });

  test('a correctly signed replay older than 5 minutes is 401, as is one from the future', async () => {
    const body = JSON.stringify({ type: 1 });
    expect((await post(body, signedHeaders(keys, body, String(nowSeconds() - 301)))).status).toBe(401);
    expect((await post(body, signedHeaders(keys, body, String(nowSeconds() + 301)))).status).toBe(401);
    expect((await post(body, signedHeaders(keys, body, 'yesterday'))).status).toBe(401);
    // Within the window either way is fine (clocks drift).
    expect((await post(body, signedHeaders(keys, body, String(nowSeconds() - 240)))).status).toBe(200);
    expect((await post(body, signedHeaders(keys, body, String(nowSeconds() + 240)))).status).toBe(200);
  });
});

describe('request shape', () => {
  const overLimit = Buffer.alloc(1024 * 1024 + 1, 0x20);

  test('a body over 1 MiB is 413, whether its length is declared or not', async () => {
    const headers = signedHeaders(keys, overLimit.toString());
    expect(await rawPost({ ...headers, 'content-length': String(overLimit.length) }, [overLimit])).toBe(413);
    const pieces = Array.from({ length: 17 }, (_, i) => overLimit.subarray(i * 65536, (i + 1) * 65536));
    expect(await rawPost(headers, pieces)).toBe(413);
  });

  test('exactly 1 MiB is accepted as far as size goes', async () => {
    const body = JSON.stringify({ type: 1, pad: 'x'.repeat(1024 * 1024 - 20) });
    const padded = body + ' '.repeat(1024 * 1024 - body.length);
    expect(Buffer.byteLength(padded)).toBe(1024 * 1024);
    expect((await post(padded, signedHeaders(keys, padded))).status).toBe(200);
  });

  test('a signed body that is not JSON, or not a JSON interaction object, is 400', async () => {
    for (const body of ['{"type":1', 'hello', '[1,2]', '"text"', 'null', '42', '{"id":"no type"}']) {
      const res = await post(body, signedHeaders(keys, body));
      expect(res.status, body).toBe(400);
      expect(res.type).toBe('application/json');
    }
  });

  test('other methods on /interactions are 405 with Allow, other paths 404', async () => {
    const get = await fetch(`${base}/interactions`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect(get.headers.get('content-type')).toBe('application/json');
    expect((await fetch(`${base}/interactions`, { method: 'PUT', body: '{}' })).status).toBe(405);
    expect((await fetch(`${base}/other`)).status).toBe(404);
    expect((await fetch(`${base}/other`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  test('GET /healthz reports readiness from the injected check', async () => {
    const ok = await fetch(`${base}/healthz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'ok', checks: { knowledgeBase: true, store: true } });
    health = { knowledgeBase: true, store: false };
    const down = await fetch(`${base}/healthz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'unavailable', checks: { knowledgeBase: true, store: false } });
    health = { knowledgeBase: true, store: true };
  });
});

describe('answers', () => {
  test('a quick answer comes back inline, exactly as the dispatcher made it', async () => {
    const command = interaction(InteractionType.ApplicationCommand, 'summary', 'de');
    const expected = await respond(command);
    const res = await signedPost(command);
    expect(res.status).toBe(200);
    expect(res.json).toEqual(expected);
    expect(discord.requests).toHaveLength(0);
  });

  test('a slow command is deferred, then the answer edits the original response', async () => {
    const command = interaction(InteractionType.ApplicationCommand, 'slow-summary');
    const patched = discord.next();
    const started = Date.now();
    const res = await signedPost(command);
    expect(Date.now() - started).toBeLessThan(DEADLINE_MS * 2);
    expect(res.json).toEqual({ type: InteractionResponseType.DeferredChannelMessageWithSource });
    const edit = await patched;
    expect(edit.method).toBe('PATCH');
    expect(edit.path).toBe(`/api/v10/webhooks/${APP_ID}/${command.token}/messages/@original`);
    expect(edit.authorization).toBeUndefined();
    expect(edit.body).toEqual({ content: 'answer to slow-summary (en-US)', allowed_mentions: { parse: [] } });
  });

  test('a slow ephemeral command is deferred with only the EPHEMERAL flag', async () => {
    const command = interaction(InteractionType.ApplicationCommand, 'slow-private');
    const patched = discord.next();
    const res = await signedPost(command);
    expect(res.json).toEqual({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } });
    // An edit cannot carry the ephemeral flag; the deferral already made the message ephemeral.
    expect((await patched).body).toEqual({ content: 'answer to slow-private (en-US)', allowed_mentions: { parse: [] } });
  });

  test('a slow button gets a deferred update, then the message is edited', async () => {
    const click = interaction(InteractionType.MessageComponent, 'slow-page:2');
    const patched = discord.next();
    const res = await signedPost(click);
    expect(res.json).toEqual({ type: InteractionResponseType.DeferredMessageUpdate });
    const edit = await patched;
    expect(edit.path).toBe(`/api/v10/webhooks/${APP_ID}/${click.token}/messages/@original`);
    expect(edit.body).toEqual({ content: 'page for slow-page:2' });
  });

  test('slow autocomplete gets an empty list, fast autocomplete its choices', async () => {
    const slow = await signedPost(interaction(InteractionType.ApplicationCommandAutocomplete, 'slow-expert'));
    expect(slow.json).toEqual({ type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } });
    const fast = await signedPost(interaction(InteractionType.ApplicationCommandAutocomplete, 'expert'));
    expect(fast.json).toEqual({
      type: InteractionResponseType.ApplicationCommandAutocompleteResult,
      data: { choices: [{ name: 'expert', value: 'expert' }] },
    });
  });

  test('a throwing dispatcher still gets a generic, localized, ephemeral error reply and a log line', async () => {
    const res = await signedPost(interaction(InteractionType.ApplicationCommand, 'boom', 'de'));
    expect(res.status).toBe(200);
    const data = res.json.data as { content: string; flags: number };
    expect(res.json.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(data.flags).toBe(MessageFlags.Ephemeral);
    expect(data.content).not.toContain('stub failure');
    const errorId = /`([0-9a-f]{8})`/.exec(data.content)?.[1];
    expect(errorId).toBeDefined();
    expect(data.content).toBe(t('de', 'error.generic', { errorId: errorId ?? '' }));
    const logged = log.lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((entry) => entry.errorId === errorId);
    expect(logged).toMatchObject({ level: 50, msg: 'respond failed', err: { message: 'stub failure in boom' } });
  });

  test('a dispatcher that throws synchronously is answered too', async () => {
    const throwing = await startInteractionsServer({
      port: 0,
      host: '127.0.0.1',
      publicKey: keys.publicKeyHex,
      applicationId: APP_ID,
      respond: () => {
        throw new Error('not even a promise');
      },
      rest: new REST({ api: discord.api }),
      logger: log.logger,
    });
    try {
      const body = JSON.stringify(interaction(InteractionType.ApplicationCommand, 'summary'));
      const res = await fetch(`http://127.0.0.1:${throwing.port}/interactions`, { method: 'POST', body, headers: signedHeaders(keys, body) });
      expect(res.status).toBe(200);
      expect(((await res.json()) as APIInteractionResponse).type).toBe(InteractionResponseType.ChannelMessageWithSource);
    } finally {
      await throwing.close();
    }
  });

  test('a dispatcher failing after the deferral replaces the deferred message with the error', async () => {
    const command = interaction(InteractionType.ApplicationCommand, 'slow-boom');
    const patched = discord.next();
    expect((await signedPost(command)).json).toEqual({ type: InteractionResponseType.DeferredChannelMessageWithSource });
    const edit = await patched;
    expect(edit.path).toBe(`/api/v10/webhooks/${APP_ID}/${command.token}/messages/@original`);
    const content = (edit.body as { content: string }).content;
    const errorId = /`([0-9a-f]{8})`/.exec(content)?.[1] ?? '';
    expect(content).toBe(t('en', 'error.generic', { errorId }));
  });

  test('a button failing after the deferral gets an ephemeral follow-up, leaving its message alone', async () => {
    const click = interaction(InteractionType.MessageComponent, 'slow-boom-page');
    const posted = discord.next();
    expect((await signedPost(click)).json).toEqual({ type: InteractionResponseType.DeferredMessageUpdate });
    const followUp = await posted;
    expect(followUp.method).toBe('POST');
    expect(followUp.path).toBe(`/api/v10/webhooks/${APP_ID}/${click.token}`);
    expect(followUp.body).toMatchObject({ flags: MessageFlags.Ephemeral, allowed_mentions: { parse: [] } });
  });

  test('the server still serves after all of the above', async () => {
    const res = await signedPost({ type: InteractionType.Ping, id: '1', application_id: APP_ID, token: 't', version: 1 });
    expect(res.json).toEqual({ type: InteractionResponseType.Pong });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
