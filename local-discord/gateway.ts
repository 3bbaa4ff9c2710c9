// The gateway: HELLO, IDENTIFY (token, intents, shard and Discord's identify limits checked),
// READY plus one GUILD_CREATE per guild of the shard, heartbeats, RESUME, and dispatches such
// as INTERACTION_CREATE, each to the shard its guild belongs to.
//
// Discord's rules a sharded bot must keep, enforced so a test fails when the bot overruns them:
// - at most `maxConcurrency` IDENTIFYs per 5 s, counted per bucket `shard_id % maxConcurrency`,
//   across all of the bot's connections; one too many is answered with Invalid Session (op 9)
//   and recorded in `identifyRateViolations`;
// - a shard owns the guilds with `(guild_id >> 22) % num_shards == shard_id`; one that would
//   own more than 2,500 is closed with 4011 "Sharding required"; a shard id outside
//   `[0, num_shards)` with 4010 "Invalid shard".
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';

import type { ApplicationFlags, GatewayReadyDispatchData } from 'discord-api-types/v10';
import { GatewayCloseCodes, GatewayDispatchEvents, GatewayIntentBits, GatewayOpcodes } from 'discord-api-types/v10';
import { type RawData, WebSocket, WebSocketServer } from 'ws';

import type { World } from './world.js';
import { guildCreatePayload, shardOf } from './world.js';

/** Discord's window for identify concurrency. */
export const IDENTIFY_WINDOW_MS = 5000;
/** The most guilds one shard may own. */
export const MAX_GUILDS_PER_SHARD = 2500;

/** Intents an application must switch on in the developer portal. */
const PRIVILEGED_INTENTS = GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;

export interface GatewayOptions {
  token: string;
  applicationId: string;
  world: World;
  url: () => string;
  heartbeatIntervalMs: number;
  /** Whether the application may use privileged intents (else IDENTIFY with them closes 4014). */
  privilegedIntents: boolean;
  /** `session_start_limit.max_concurrency`: IDENTIFYs allowed per window, one per bucket. */
  maxConcurrency: number;
  /** Discord's window is 5 s (IDENTIFY_WINDOW_MS); 0 turns the identify limit off for protocol tests about other things. */
  identifyWindowMs: number;
}

interface Session {
  id: string;
  intents: number;
  sequence: number;
  /** [shard_id, num_shards] as identified; [0, 1] without sharding. */
  shard: [number, number];
  socket?: WebSocket;
}

/** An IDENTIFY that came sooner than Discord allows after the previous one of its bucket. */
export interface IdentifyRateViolation {
  shard: [number, number];
  bucket: number;
  msSincePrevious: number;
}

/** A frame the stand-in received from a client, for tests to inspect. */
export interface GatewayFrame {
  op: GatewayOpcodes;
  d?: unknown;
}

/** A received frame's text: `ws` hands over a Buffer, or its fragments, or an ArrayBuffer. */
function frameText(raw: RawData): string {
  if (Array.isArray(raw)) return Buffer.concat(raw).toString('utf8');
  return Buffer.isBuffer(raw) ? raw.toString('utf8') : Buffer.from(raw).toString('utf8');
}

export class Gateway {
  private readonly server: WebSocketServer;
  private readonly sessions = new Map<string, Session>();
  /** Every frame clients sent, in order. */
  readonly received: GatewayFrame[] = [];
  /** Every IDENTIFY accepted, in order: the shard and when (ms since the epoch). */
  readonly identifies: { shard: [number, number]; at: number }[] = [];
  /** IDENTIFYs refused for coming too soon (see the top of this file); [] when the bot kept the limit. */
  readonly identifyRateViolations: IdentifyRateViolation[] = [];
  /** When each identify bucket last let an IDENTIFY through. */
  private readonly lastIdentify = new Map<number, number>();

  constructor(
    http: Server,
    private readonly options: GatewayOptions,
  ) {
    this.server = new WebSocketServer({ server: http });
    this.server.on('connection', (socket) => this.accept(socket));
  }

  /** Sessions whose connection is open and identified. */
  get connected(): number {
    return [...this.sessions.values()].filter((s) => s.socket?.readyState === WebSocket.OPEN).length;
  }

  /** The shard ids of open, identified sessions, ascending (a shard may have two during a hand-over). */
  get connectedShards(): number[] {
    return [...this.sessions.values()]
      .filter((s) => s.socket?.readyState === WebSocket.OPEN)
      .map((s) => s.shard[0])
      .sort((a, b) => a - b);
  }

  /**
   * Sends a dispatch to the newest connected session of the shard `guildId` belongs to (shard 0
   * without a guild, as for DMs); false if no session of that shard is connected.
   */
  dispatch(event: GatewayDispatchEvents, data: unknown, guildId?: string): boolean {
    const session = [...this.sessions.values()]
      .reverse()
      .find((s) => s.socket?.readyState === WebSocket.OPEN && s.shard[0] === shardOf(guildId, s.shard[1]));
    if (!session) return false;
    this.send(session, event, data);
    return true;
  }

  /** Closes every client connection with `code`, as Discord does before asking for a resume. */
  disconnectAll(code = GatewayCloseCodes.UnknownError): void {
    for (const client of this.server.clients) client.close(code);
  }

  close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private send(session: Session, event: string, data: unknown): void {
    session.sequence += 1;
    session.socket?.send(JSON.stringify({ op: GatewayOpcodes.Dispatch, t: event, s: session.sequence, d: data }));
  }

  private accept(socket: WebSocket): void {
    socket.send(JSON.stringify({ op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs }, s: null, t: null }));
    socket.on('message', (raw) => {
      let frame: GatewayFrame;
      try {
        frame = JSON.parse(frameText(raw)) as GatewayFrame;
      } catch {
        socket.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
        return;
      }
      this.received.push(frame);
      this.handle(socket, frame);
    });
  }

  private tokenMatches(token: unknown): boolean {
    return token === this.options.token || token === `Bot ${this.options.token}`;
  }

  private handle(socket: WebSocket, frame: GatewayFrame): void {
    const d = (typeof frame.d === 'object' && frame.d !== null ? frame.d : {}) as Record<string, unknown>;
    switch (frame.op) {
      case GatewayOpcodes.Heartbeat:
        socket.send(JSON.stringify({ op: GatewayOpcodes.HeartbeatAck }));
        return;
      case GatewayOpcodes.Identify:
        this.identify(socket, d);
        return;
      case GatewayOpcodes.Resume: {
        const session = this.sessions.get(String(d.session_id));
        if (!this.tokenMatches(d.token)) {
          socket.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
        } else if (!session) {
          socket.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: false }));
        } else {
          session.socket = socket;
          this.send(session, GatewayDispatchEvents.Resumed, {});
        }
        return;
      }
      default:
        // Presence updates, member requests and the like need no answer here.
        return;
    }
  }

  private identify(socket: WebSocket, d: Record<string, unknown>): void {
    const { world, applicationId, url } = this.options;
    if (!this.tokenMatches(d.token)) {
      socket.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
      return;
    }
    const intents = d.intents;
    if (typeof intents !== 'number' || !Number.isInteger(intents) || intents < 0) {
      socket.close(GatewayCloseCodes.InvalidIntents, 'Invalid intent(s).');
      return;
    }
    if (intents & PRIVILEGED_INTENTS && !this.options.privilegedIntents) {
      socket.close(GatewayCloseCodes.DisallowedIntents, 'Disallowed intent(s).');
      return;
    }
    const shard: [number, number] = Array.isArray(d.shard) ? [Number(d.shard[0]), Number(d.shard[1])] : [0, 1];
    const [shardId, shardCount] = shard;
    if (!Number.isInteger(shardId) || !Number.isInteger(shardCount) || shardCount < 1 || shardId < 0 || shardId >= shardCount) {
      socket.close(GatewayCloseCodes.InvalidShard, 'Invalid shard.');
      return;
    }
    const guildIds = [...world.guilds.keys()].filter((id) => shardOf(id, shardCount) === shardId);
    if (guildIds.length > MAX_GUILDS_PER_SHARD) {
      socket.close(GatewayCloseCodes.ShardingRequired, 'Sharding required.');
      return;
    }
    if (!this.identifyAllowed(shard)) {
      socket.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: false }));
      return;
    }
    const session: Session = { id: randomBytes(16).toString('hex'), intents, sequence: 0, shard, socket };
    this.sessions.set(session.id, session);
    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: world.bot,
      guilds: guildIds.map((id) => ({ id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: url(),
      // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- Discord sends 0 for no flags; the flag enum has no zero member
      application: { id: applicationId, flags: 0 as ApplicationFlags, flags_new: '0' },
      ...(Array.isArray(d.shard) ? { shard } : {}),
    };
    this.send(session, GatewayDispatchEvents.Ready, ready);
    if (!(intents & GatewayIntentBits.Guilds)) return;
    const allMembers = Boolean(intents & GatewayIntentBits.GuildMembers);
    for (const id of guildIds) {
      const guild = world.guilds.get(id);
      if (guild) this.send(session, GatewayDispatchEvents.GuildCreate, guildCreatePayload(guild, world.bot.id, allMembers));
    }
  }

  /** Whether the shard's identify bucket is free; takes it if so, records a violation if not. */
  private identifyAllowed(shard: [number, number]): boolean {
    const bucket = shard[0] % this.options.maxConcurrency;
    const now = Date.now();
    const previous = this.lastIdentify.get(bucket);
    if (previous !== undefined && now - previous < this.options.identifyWindowMs) {
      this.identifyRateViolations.push({ shard, bucket, msSincePrevious: now - previous });
      return false;
    }
    this.lastIdentify.set(bucket, now);
    this.identifies.push({ shard, at: now });
    return true;
  }
}
