// A local stand-in for Discord's REST API and gateway on one loopback port. Every request is
// recorded and its body validated against Discord's spec and documented rules; a violation is
// answered with 400 (50035) like Discord, so the test that caused it fails.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { APIApplicationCommand, APIInteraction, APIMessage, APIUser } from 'discord-api-types/v10';
import { ChannelType, GatewayDispatchEvents } from 'discord-api-types/v10';

import { type InteractionPlace, makeUser } from '../src/discord/interaction-payloads.js';
import { snowflake } from '../src/discord/snowflake.js';
import type { Violation } from './contract/documented-rules.js';
import { matchSpecPath, requestViolations } from './contract/validate-request.js';
import type { Fault, FaultSpec } from './faults.js';
import { Faults } from './faults.js';
import { Gateway, IDENTIFY_WINDOW_MS } from './gateway.js';
import type { InteractionOutcome } from './interaction-registry.js';
import { InteractionRegistry } from './interaction-registry.js';
import { MessageStore } from './messages.js';
import type { RateLimitDecision, RateLimitOptions, RateLimitScope } from './rate-limits.js';
import { RateLimiter, tooManyRequests } from './rate-limits.js';
import type { RouteResponse } from './rest-routes.js';
import { createRoutes, discordError, errors } from './rest-routes.js';
import type { World, WorldSize } from './world.js';
import { generateWorld } from './world.js';

export interface LocalDiscordOptions {
  /** Default 0: a free port. The server listens on 127.0.0.1 only. */
  port?: number;
  /** The bot token the stand-in accepts (`Authorization: Bot <token>`, IDENTIFY). */
  token: string;
  /** Default: a fresh snowflake, also the bot user's id. */
  applicationId?: string;
  botUsername?: string;
  /** Guilds to generate; default one small guild. */
  guilds?: WorldSize;
  /**
   * Per-route buckets and the global limit, enforced by default as Discord does (5 per 5 s
   * per route and major resource, 50 in any one second); `false` sends only the headers.
   */
  rateLimits?: RateLimitOptions | false;
  /** Whether the app may use privileged intents (GuildMembers, GuildPresences, MessageContent). */
  privilegedIntents?: boolean;
  /** The shards GET /gateway/bot recommends; default one per 1,000 guilds, as Discord does. */
  recommendedShards?: number;
  /** `session_start_limit.max_concurrency`: IDENTIFYs allowed per 5 s (default 1), enforced by the gateway. */
  maxConcurrency?: number;
  /** The identify window, default Discord's 5 s; 0 lets raw protocol tests identify again at once. */
  identifyWindowMs?: number;
  heartbeatIntervalMs?: number;
  /** How long sendInteraction waits for the bot's answer (default 5000 ms). */
  interactionTimeoutMs?: number;
}

export interface RecordedRequest {
  method: string;
  /** The path as requested, query included. */
  path: string;
  /** The spec's path template, if the path is one of Discord's routes. */
  route?: string;
  /** Request headers, lowercased, without Authorization. */
  headers: Record<string, string>;
  body: unknown;
  /** 0 when the stand-in hung or dropped the connection on purpose. */
  status: number;
  /** When it arrived (ms since the epoch, fractional). */
  at: number;
  /** Whether it counts toward the global limit (bot-token requests; interaction-token ones do not). */
  global: boolean;
}

/** What the stand-in counted, as Discord would. */
export interface LocalDiscordStats {
  /** 401, 403 and 429 answers (but a shared resource's 429) within the last 10 minutes; Discord restricts the IP address at 10,000. */
  invalidRequests: number;
  /** 429 answers since the start. */
  rateLimited: number;
  /** The most requests counted toward the global limit (refused ones included) that arrived within any one second. */
  busiestSecond: number;
}

export interface RecordedViolation {
  method: string;
  path: string;
  body: unknown;
  violations: string[];
}

export interface LocalDiscord {
  /** For discord.js / @discordjs/rest: `rest: { api: apiUrl }` (they append /v10). */
  apiUrl: string;
  gatewayUrl: string;
  port: number;
  token: string;
  applicationId: string;
  bot: APIUser;
  world: World;
  gateway: Gateway;
  requests: RecordedRequest[];
  violations: RecordedViolation[];
  stats(): LocalDiscordStats;
  /** Messages the bot created, in order (deleted ones removed). */
  readonly messages: APIMessage[];
  /** Registered commands by scope: `global` or a guild id. */
  commands: Map<string, APIApplicationCommand[]>;
  /** The first text channel of a guild (default the first), for interaction payload builders. */
  guildPlace(guildIndex?: number): InteractionPlace;
  dmPlace(): InteractionPlace;
  /** Arms a fault for the next matching request(s). */
  inject(fault: FaultSpec): void;
  /** Dispatches INTERACTION_CREATE to the connected bot; resolves with its answer. */
  sendInteraction(payload: APIInteraction, timeoutMs?: number): Promise<InteractionOutcome>;
  /** Registers an interaction delivered some other way (HTTP mode); resolves with the bot's answer. */
  expectInteraction(payload: APIInteraction, timeoutMs?: number): Promise<InteractionOutcome>;
  close(): Promise<void>;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** Discord's nested form-body errors: `{ data: { content: { _errors: [...] } } }`. */
function formErrors(violations: Violation[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const { path, message } of violations) {
    let node = root;
    for (const key of path.split('/').filter(Boolean)) {
      node = (node[key] ??= {}) as Record<string, unknown>;
    }
    const errors = (node._errors ??= []) as { code: string; message: string }[];
    errors.push({ code: 'INVALID_FORM_BODY', message });
  }
  return root;
}

function rateLimited(scope: RateLimitScope, retryAfter: number): RouteResponse {
  return { status: 429, body: { message: 'You are being rate limited.', retry_after: retryAfter, global: scope === 'global' } };
}

function faultResponse(fault: Exclude<Fault, { kind: 'hang' | 'drop' }>, bucket: string): { response: RouteResponse; decision?: RateLimitDecision } {
  switch (fault.kind) {
    case 'rate-limit': {
      const scope = fault.scope ?? 'user';
      const retryAfter = fault.retryAfter ?? 1;
      return { response: rateLimited(scope, retryAfter), decision: tooManyRequests(scope, retryAfter, bucket, 5) };
    }
    case 'unauthorized':
      return { response: errors.unauthorized() };
    case 'missing-access':
      return { response: errors.missingAccess() };
    case 'missing-permissions':
      return { response: errors.missingPermissions() };
    case 'unknown-channel':
      return { response: errors.unknownChannel() };
    case 'server-error': {
      const status = fault.status ?? 500;
      return { response: discordError(status, 0, status === 502 ? '502: Bad Gateway' : '500: Internal Server Error') };
    }
  }
}

/** The most of `times` (ms) within any one second, wherever that second starts. */
export function busiestSecond(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let first = 0;
  sorted.forEach((time, last) => {
    while (sorted[first]! + 1000 <= time) first += 1;
    most = Math.max(most, last - first + 1);
  });
  return most;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startLocalDiscord(options: LocalDiscordOptions): Promise<LocalDiscord> {
  const applicationId = options.applicationId ?? snowflake();
  const bot = makeUser(applicationId, options.botUsername ?? 'lagebild', true);
  const world = generateWorld(bot, options.guilds);
  const messages = new MessageStore();
  const interactions = new InteractionRegistry();
  const limiter = new RateLimiter(options.rateLimits === false ? undefined : (options.rateLimits ?? {}));
  const faults = new Faults();
  const commands = new Map<string, APIApplicationCommand[]>();
  const requests: RecordedRequest[] = [];
  const violations: RecordedViolation[] = [];
  let port = 0;
  const gatewayUrl = () => `ws://127.0.0.1:${port}`;
  const maxConcurrency = options.maxConcurrency ?? 1;
  const gatewayBot = () => ({
    shards: options.recommendedShards ?? Math.max(1, Math.ceil(world.guilds.size / 1000)),
    maxConcurrency,
    identifies: gateway.identifies.length,
  });
  const routes = createRoutes({ world, messages, interactions, commands, applicationId, gatewayUrl, gatewayBot });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const { authorization, ...headers } = req.headers;
    const raw = await readBody(req);
    const record: RecordedRequest = {
      method,
      path,
      headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)])),
      body: undefined,
      status: 0,
      at: performance.timeOrigin + performance.now(),
      global: false,
    };
    requests.push(record);
    const send = (response: RouteResponse, extraHeaders: Record<string, string> = {}) => {
      record.status = response.status;
      limiter.noteAnswer(response.status, extraHeaders['x-ratelimit-scope'] as RateLimitScope | undefined);
      res.writeHead(response.status, { ...extraHeaders, ...(response.body === undefined ? {} : { 'content-type': 'application/json' }) });
      res.end(response.body === undefined ? undefined : JSON.stringify(response.body));
    };

    const url = new URL(path, 'http://127.0.0.1');
    const match = url.pathname.startsWith('/api/v10/') ? matchSpecPath(url.pathname) : undefined;
    if (match) record.route = match.template;
    const route = match ? routes.get(`${method} ${match.template}`) : undefined;
    // Requests with an interaction token: callbacks, and the application's webhook (follow-ups, @original).
    const interactionToken =
      match !== undefined &&
      (match.template.startsWith('/interactions/') || (match.template.startsWith('/webhooks/') && match.params.webhook_id === applicationId));
    record.global = !interactionToken;
    const decision = limiter.take(method, match?.template ?? url.pathname, match?.params ?? {}, interactionToken);

    const fault = faults.take(method, url.pathname.replace(/^\/api\/v10/, ''));
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'hang') return;
    if (fault) {
      const { response, decision: faultDecision } = faultResponse(fault, decision.headers['x-ratelimit-bucket'] ?? '');
      send(response, (faultDecision ?? decision).headers);
      return;
    }
    if (!match || !route) {
      send(match ? discordError(405, 0, '405: Method Not Allowed') : discordError(404, 0, '404: Not Found'), decision.headers);
      return;
    }
    if (route.auth && authorization !== `Bot ${options.token}`) {
      send(errors.unauthorized(), decision.headers);
      return;
    }
    if (decision.limited) {
      send(rateLimited(decision.limited.scope, decision.limited.retryAfter), decision.headers);
      return;
    }
    let body: unknown;
    if (raw.length > 0) {
      if (!String(headers['content-type']).includes('application/json')) {
        // Multipart (file uploads) is not emulated; the bot sends none.
        send(discordError(400, 50035, 'Invalid Form Body: the stand-in only accepts JSON bodies'), decision.headers);
        return;
      }
      try {
        body = JSON.parse(raw);
      } catch {
        send(discordError(400, 50109, 'The request body contains invalid JSON.'), decision.headers);
        return;
      }
    }
    record.body = body;
    if (BODY_METHODS.has(method)) {
      const found = requestViolations(method, url.pathname, body, match);
      if (found.length > 0) {
        violations.push({ method, path, body, violations: found.map((v) => `${v.path}: ${v.message}`) });
        send({ status: 400, body: { code: 50035, message: 'Invalid Form Body', errors: formErrors(found) } }, decision.headers);
        return;
      }
    }
    send(route.handle({ params: match.params, body, query: url.searchParams }), decision.headers);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `stand-in error: ${String(error)}`, code: 0 }));
    });
  });
  const gateway = new Gateway(server, {
    token: options.token,
    applicationId,
    world,
    url: gatewayUrl,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
    privilegedIntents: options.privilegedIntents ?? false,
    maxConcurrency,
    identifyWindowMs: options.identifyWindowMs ?? IDENTIFY_WINDOW_MS,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const defaultTimeout = options.interactionTimeoutMs ?? 5_000;

  const guildPlace = (guildIndex = 0): InteractionPlace => {
    const guild = [...world.guilds.values()][guildIndex];
    const channel = guild?.channels.find((c) => c.type === ChannelType.GuildText);
    if (!guild || !channel) throw new Error(`guild ${guildIndex} with a text channel does not exist`);
    return { applicationId, guild: { id: guild.id, channelId: channel.id, locale: guild.preferredLocale } };
  };

  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    gatewayUrl: gatewayUrl(),
    port,
    token: options.token,
    applicationId,
    bot,
    world,
    gateway,
    requests,
    violations,
    stats: () => ({
      invalidRequests: limiter.invalidRequests(),
      rateLimited: requests.filter((r) => r.status === 429).length,
      busiestSecond: busiestSecond(requests.filter((r) => r.global).map((r) => r.at)),
    }),
    get messages() {
      return messages.all;
    },
    commands,
    guildPlace,
    dmPlace: () => ({ applicationId }),
    inject: (fault) => faults.inject(fault),
    expectInteraction: (payload, timeoutMs = defaultTimeout) => interactions.expect(payload, timeoutMs),
    async sendInteraction(payload, timeoutMs = defaultTimeout) {
      if (gateway.connected === 0) throw new Error('no bot is connected to the gateway');
      const outcome = interactions.expect(payload, timeoutMs);
      if (!gateway.dispatch(GatewayDispatchEvents.InteractionCreate, payload, payload.guild_id)) {
        throw new Error(`no bot is connected to the shard of guild ${payload.guild_id ?? '(none: DM)'}`);
      }
      return outcome;
    },
    async close() {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
