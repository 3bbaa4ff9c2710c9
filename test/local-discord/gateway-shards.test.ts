// The stand-in's sharding rules, with a raw WebSocket client: GET /gateway/bot recommends
// shards and reports max_concurrency; IDENTIFY is limited per 5 s and bucket; a shard owns the
// guilds Discord's formula gives it and at most 2,500 of them; interactions reach their shard.
import type { GatewayReadyDispatchData } from 'discord-api-types/v10';
import { GatewayCloseCodes, GatewayDispatchEvents, GatewayOpcodes } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';

import type { LocalDiscord, LocalDiscordOptions } from '../../local-discord/index.js';
import { startLocalDiscord } from '../../local-discord/index.js';
import { chatInputInteraction } from '../../src/discord/interaction-payloads.js';

const TOKEN = 'test-token.shards';

interface Frame {
  op: GatewayOpcodes;
  t?: string | null;
  d?: unknown;
}

interface ShardClient {
  frames: Frame[];
  closed: Promise<number>;
  next(match: (frame: Frame) => boolean, timeoutMs?: number): Promise<Frame>;
  close(): void;
}

/** Connects and identifies as shard [id, count]. */
async function identifyAs(discord: LocalDiscord, shard: [number, number]): Promise<ShardClient> {
  const socket = new WebSocket(`${discord.gatewayUrl}?v=10&encoding=json`);
  const frames: Frame[] = [];
  socket.on('message', (raw) => {
    const text = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
    frames.push(JSON.parse(text.toString('utf8')) as Frame);
  });
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  socket.send(
    JSON.stringify({ op: GatewayOpcodes.Identify, d: { token: TOKEN, intents: 0, shard, properties: { os: 'linux', browser: 't', device: 't' } } }),
  );
  return {
    frames,
    closed,
    async next(match, timeoutMs = 2000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const found = frames.find(match);
        if (found) return found;
        if (Date.now() > end) throw new Error('the expected frame did not arrive');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () => socket.close(),
  };
}

const isReady = (frame: Frame) => frame.op === GatewayOpcodes.Dispatch && frame.t === GatewayDispatchEvents.Ready;
const isInvalidSession = (frame: Frame) => frame.op === GatewayOpcodes.InvalidSession;

describe('the stand-in gateway: shards', () => {
  let discord: LocalDiscord | undefined;
  const start = async (options: Omit<LocalDiscordOptions, 'token'>) => {
    discord = await startLocalDiscord({ token: TOKEN, ...options });
    return discord;
  };
  afterEach(async () => {
    await discord?.close();
    discord = undefined;
  });

  const gatewayBot = async (d: LocalDiscord) =>
    (await (await fetch(`${d.apiUrl}/v10/gateway/bot`, { headers: { authorization: `Bot ${TOKEN}` } })).json()) as {
      shards: number;
      session_start_limit: { max_concurrency: number; remaining: number };
    };

  it('recommends one shard per 1,000 guilds, as Discord does, and reports max_concurrency', async () => {
    const d = await start({ guilds: { guilds: 2001, channels: 1, roles: 2, members: 1 }, maxConcurrency: 4 });
    const info = await gatewayBot(d);
    expect(info.shards).toBe(3);
    expect(info.session_start_limit.max_concurrency).toBe(4);
    expect(info.session_start_limit.remaining).toBe(1000);
  });

  it('gives each shard the guilds (guild_id >> 22) % num_shards names, and sends an interaction to its guild’s shard', async () => {
    const d = await start({ guilds: { guilds: 4 }, maxConcurrency: 2, recommendedShards: 2 });
    expect((await gatewayBot(d)).shards).toBe(2);
    const shards = [await identifyAs(d, [0, 2]), await identifyAs(d, [1, 2])];
    const readies = await Promise.all(shards.map((s) => s.next(isReady)));
    const guildsOf = (frame: Frame) => (frame.d as GatewayReadyDispatchData).guilds.map((g) => g.id);
    const all = [...d.world.guilds.keys()];
    for (const [shard, ready] of readies.entries()) {
      expect(guildsOf(ready)).toEqual(all.filter((id) => Number((BigInt(id) >> 22n) % 2n) === shard));
    }
    // Generated guilds spread over the shards as real ones do.
    expect(guildsOf(readies[0]!).length).toBeGreaterThan(0);
    expect(guildsOf(readies[1]!).length).toBeGreaterThan(0);

    for (const [shard, ready] of readies.entries()) {
      const guildIndex = all.indexOf(guildsOf(ready)[0]!);
      const payload = chatInputInteraction(d.guildPlace(guildIndex), { name: 'help' });
      void d.sendInteraction(payload, 200).catch(() => undefined);
      const arrived = (s: ShardClient) =>
        s.frames.some((f) => f.t === GatewayDispatchEvents.InteractionCreate && (f.d as { id: string }).id === payload.id);
      await shards[shard]!.next((f) => f.t === GatewayDispatchEvents.InteractionCreate && (f.d as { id: string }).id === payload.id);
      expect(arrived(shards[1 - shard]!)).toBe(false);
    }
    expect(d.gateway.connectedShards).toEqual([0, 1]);
    expect(d.gateway.identifyRateViolations).toEqual([]);
    for (const s of shards) s.close();
  });

  it('refuses a second IDENTIFY of one bucket within 5 s with Invalid Session, and records it', async () => {
    const d = await start({ recommendedShards: 2, maxConcurrency: 1 });
    const first = await identifyAs(d, [0, 2]);
    await first.next(isReady);
    const second = await identifyAs(d, [1, 2]);
    const refused = await second.next(isInvalidSession);
    expect(refused.d).toBe(false);
    expect(second.frames.some(isReady)).toBe(false);
    expect(d.gateway.identifyRateViolations.map(({ shard, bucket }) => ({ shard, bucket }))).toEqual([{ shard: [1, 2], bucket: 0 }]);
    expect(d.gateway.identifyRateViolations[0]!.msSincePrevious).toBeLessThan(5000);
    first.close();
    second.close();
  });

  it('lets max_concurrency shards of different buckets identify at once', async () => {
    const d = await start({ recommendedShards: 2, maxConcurrency: 2 });
    const shards = await Promise.all([identifyAs(d, [0, 2]), identifyAs(d, [1, 2])]);
    await Promise.all(shards.map((s) => s.next(isReady)));
    expect(d.gateway.identifyRateViolations).toEqual([]);
    for (const s of shards) s.close();
  });

  it('closes a shard that would own more than 2,500 guilds with 4011, and a shard id out of range with 4010', async () => {
    const d = await start({ guilds: { guilds: 2600, channels: 1, roles: 2, members: 1 }, maxConcurrency: 16 });
    const unsharded = await identifyAs(d, [0, 1]);
    expect(await unsharded.closed).toBe(GatewayCloseCodes.ShardingRequired);
    const beyond = await identifyAs(d, [2, 2]);
    expect(await beyond.closed).toBe(GatewayCloseCodes.InvalidShard);
    const halves = await Promise.all([identifyAs(d, [0, 2]), identifyAs(d, [1, 2])]);
    await Promise.all(halves.map((s) => s.next(isReady)));
    for (const s of halves) s.close();
  });
});
