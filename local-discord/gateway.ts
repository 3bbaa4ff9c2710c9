// The gateway: HELLO, IDENTIFY (token and intents checked), READY plus one GUILD_CREATE per
// guild, heartbeats, RESUME, and dispatches such as INTERACTION_CREATE.
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';

import type { ApplicationFlags, GatewayReadyDispatchData } from 'discord-api-types/v10';
import { GatewayCloseCodes, GatewayDispatchEvents, GatewayIntentBits, GatewayOpcodes } from 'discord-api-types/v10';
import { type RawData, WebSocket, WebSocketServer } from 'ws';

import type { World } from './world.js';
import { guildCreatePayload } from './world.js';

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
}

interface Session {
  id: string;
  intents: number;
  sequence: number;
  socket?: WebSocket;
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

  /** Sends a dispatch to the first connected session; false if no bot is connected. */
  dispatch(event: GatewayDispatchEvents, data: unknown): boolean {
    const session = [...this.sessions.values()].find((s) => s.socket?.readyState === WebSocket.OPEN);
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
    const session: Session = { id: randomBytes(16).toString('hex'), intents, sequence: 0, socket };
    this.sessions.set(session.id, session);
    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: world.bot,
      guilds: [...world.guilds.keys()].map((id) => ({ id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: url(),
      // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- Discord sends 0 for no flags; the flag enum has no zero member
      application: { id: applicationId, flags: 0 as ApplicationFlags, flags_new: '0' },
      ...(Array.isArray(d.shard) ? { shard: d.shard as [number, number] } : {}),
    };
    this.send(session, GatewayDispatchEvents.Ready, ready);
    if (!(intents & GatewayIntentBits.Guilds)) return;
    const allMembers = Boolean(intents & GatewayIntentBits.GuildMembers);
    for (const guild of world.guilds.values()) {
      this.send(session, GatewayDispatchEvents.GuildCreate, guildCreatePayload(guild, world.bot.id, allMembers));
    }
  }
}
