// The gateway handshake with a raw WebSocket client: HELLO, heartbeats, IDENTIFY with token
// and intents checked, READY/GUILD_CREATE as Discord sends them, RESUME.
import { Client, GatewayIntentBits as ClientIntents } from 'discord.js';
import type { GatewayGuildCreateDispatchData, GatewayReadyDispatchData } from 'discord-api-types/v10';
import { GatewayCloseCodes, GatewayIntentBits, GatewayOpcodes } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';

import type { LocalDiscord } from '../../local-discord/index.js';
import { startLocalDiscord } from '../../local-discord/index.js';
import { chatInputInteraction } from '../../src/discord/interaction-payloads.js';

const TOKEN = 'test-token.gateway';

interface Frame {
  op: GatewayOpcodes;
  t?: string | null;
  s?: number | null;
  d?: unknown;
}

/** A raw gateway client that collects frames and can wait for one. */
async function connect(discord: LocalDiscord) {
  const socket = new WebSocket(`${discord.gatewayUrl}?v=10&encoding=json`);
  const frames: Frame[] = [];
  const waiters: (() => void)[] = [];
  socket.on('message', (raw) => {
    const text = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
    frames.push(JSON.parse(text.toString('utf8')) as Frame);
    for (const wake of waiters.splice(0)) wake();
  });
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const waitFor = async <T>(probe: () => T | undefined, timeoutMs = 2_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = probe();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error('the expected gateway frames did not arrive');
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  };
  const next = (match: (frame: Frame) => boolean) => waitFor(() => frames.find(match));
  const send = (op: GatewayOpcodes, d: unknown) => socket.send(JSON.stringify({ op, d }));
  const identify = (intents: number, token = TOKEN) =>
    send(GatewayOpcodes.Identify, { token, intents, properties: { os: 'linux', browser: 'test', device: 'test' } });
  return { socket, frames, closed, waitFor, next, send, identify };
}

const isDispatch = (t: string) => (frame: Frame) => frame.op === GatewayOpcodes.Dispatch && frame.t === t;

describe('gateway', () => {
  let discord: LocalDiscord;

  beforeAll(async () => {
    // These tests identify one after another; the identify limit has tests of its own (gateway-shards.test.ts).
    discord = await startLocalDiscord({ token: TOKEN, guilds: { guilds: 3, members: 5 }, heartbeatIntervalMs: 1_000, identifyWindowMs: 0 });
  });
  afterAll(() => discord.close());

  it('says HELLO with the heartbeat interval and acknowledges heartbeats', async () => {
    const client = await connect(discord);
    const hello = await client.next((f) => f.op === GatewayOpcodes.Hello);
    expect(hello.d).toEqual({ heartbeat_interval: 1_000 });
    client.send(GatewayOpcodes.Heartbeat, null);
    await client.next((f) => f.op === GatewayOpcodes.HeartbeatAck);
    client.socket.close();
  });

  it('closes with 4004 on a bad token', async () => {
    const client = await connect(discord);
    client.identify(GatewayIntentBits.Guilds, 'wrong');
    expect(await client.closed).toBe(GatewayCloseCodes.AuthenticationFailed);
  });

  it('sends READY and one GUILD_CREATE per guild with the Guilds intent, members only for the bot', async () => {
    const client = await connect(discord);
    client.identify(GatewayIntentBits.Guilds);
    const ready = (await client.next(isDispatch('READY'))).d as GatewayReadyDispatchData;
    expect(ready).toMatchObject({
      v: 10,
      user: { id: discord.applicationId },
      application: { id: discord.applicationId, flags: 0 },
      resume_gateway_url: discord.gatewayUrl,
    });
    expect(ready.guilds).toEqual([...discord.world.guilds.keys()].map((id) => ({ id, unavailable: true })));
    const created = await client.waitFor(() => {
      const frames = client.frames.filter(isDispatch('GUILD_CREATE'));
      return frames.length === 3 ? frames : undefined;
    });
    const creates = created.map((f) => f.d as GatewayGuildCreateDispatchData);
    expect(creates.map((g) => g.id)).toEqual(ready.guilds.map((g) => g.id));
    expect(creates.every((g) => g.member_count === 5 && g.members.length === 1 && g.members[0]?.user.id === discord.applicationId)).toBe(true);
    const sequences = client.frames.filter((f) => f.op === GatewayOpcodes.Dispatch).map((f) => f.s);
    expect(sequences).toEqual([1, 2, 3, 4]);
    client.socket.close();
  });

  it('sends no GUILD_CREATE without the Guilds intent', async () => {
    const client = await connect(discord);
    client.identify(GatewayIntentBits.DirectMessages);
    await client.next(isDispatch('READY'));
    client.send(GatewayOpcodes.Heartbeat, 1);
    await client.next((f) => f.op === GatewayOpcodes.HeartbeatAck);
    expect(client.frames.filter(isDispatch('GUILD_CREATE'))).toEqual([]);
    client.socket.close();
  });

  it('refuses privileged intents the application has not enabled (4014)', async () => {
    const client = await connect(discord);
    client.identify(GatewayIntentBits.Guilds | GatewayIntentBits.GuildMembers);
    expect(await client.closed).toBe(GatewayCloseCodes.DisallowedIntents);
  });

  it('resumes a known session and refuses an unknown one', async () => {
    const first = await connect(discord);
    first.identify(GatewayIntentBits.Guilds);
    const ready = (await first.next(isDispatch('READY'))).d as GatewayReadyDispatchData;
    first.socket.close();
    await first.closed;
    const again = await connect(discord);
    again.send(GatewayOpcodes.Resume, { token: TOKEN, session_id: ready.session_id, seq: 4 });
    expect(await again.next(isDispatch('RESUMED'))).toMatchObject({ s: 5 });
    again.socket.close();
    const stranger = await connect(discord);
    stranger.send(GatewayOpcodes.Resume, { token: TOKEN, session_id: 'nope', seq: 1 });
    expect(await stranger.next((f) => f.op === GatewayOpcodes.InvalidSession)).toMatchObject({ d: false });
    stranger.socket.close();
  });

  it('dispatches INTERACTION_CREATE with the next sequence number', async () => {
    const client = await connect(discord);
    client.identify(0);
    await client.next(isDispatch('READY'));
    const payload = chatInputInteraction(discord.guildPlace(), { name: 'help' });
    const outcome = discord.sendInteraction(payload, 200);
    const dispatched = await client.next(isDispatch('INTERACTION_CREATE'));
    expect(dispatched).toMatchObject({ s: 2, d: { id: payload.id, token: payload.token } });
    await expect(outcome).rejects.toThrow(/no callback/);
    client.socket.close();
  });

  it('rejects sendInteraction when no bot is connected', async () => {
    const lonely = await startLocalDiscord({ token: TOKEN });
    await expect(lonely.sendInteraction(chatInputInteraction(lonely.guildPlace(), { name: 'help' }))).rejects.toThrow(/no bot is connected/);
    await lonely.close();
  });
});

describe('privileged intents and discord.js', () => {
  it('sends every member with GuildMembers when the application may use it', async () => {
    const discord = await startLocalDiscord({ token: TOKEN, guilds: { members: 7 }, privilegedIntents: true });
    const client = await connect(discord);
    client.identify(GatewayIntentBits.Guilds | GatewayIntentBits.GuildMembers);
    const create = (await client.next(isDispatch('GUILD_CREATE'))).d as GatewayGuildCreateDispatchData;
    expect(create.members).toHaveLength(7);
    client.socket.close();
    await discord.close();
  });

  it('makes discord.js login fail with a bad token', async () => {
    const discord = await startLocalDiscord({ token: TOKEN });
    const client = new Client({ intents: [ClientIntents.Guilds], rest: { api: discord.apiUrl, retries: 0 } });
    await expect(client.login('wrong-token')).rejects.toThrow();
    expect(discord.requests.some((r) => r.path === '/api/v10/gateway/bot' && r.status === 401)).toBe(true);
    await client.destroy();
    await discord.close();
  });
});
