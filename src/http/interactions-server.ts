// Discord's HTTP Interactions Endpoint on plain node:http. Stateless: no state
// is shared between requests, so several instances can share one load balancer.
// Hot path: the key is built once, the signed message is one Buffer (timestamp
// + body, the body a view into it), fixed replies are prebuilt Buffers.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import type { APIInteraction, APIInteractionResponse, APIPingInteraction } from 'discord-api-types/v10';
import { InteractionResponseType, InteractionType } from 'discord-api-types/v10';

import type { Logger } from '../logging/logger.js';
import { withDeadline } from '../transport/deadline.js';
import { deferralFor, failureResponse, type RespondFn, respondOrApologize } from '../transport/fallback-responses.js';
import { deliverLate, type WebhookClient } from '../transport/late-delivery.js';
import { type BodyBudget, type BodySlot, createBodyBudget } from './body-budget.js';
import { createSignatureVerifier, isFreshTimestamp } from './signature.js';

export type { RespondFn } from '../transport/fallback-responses.js';

/** Readiness of each dependency, e.g. `{ knowledgeBase: true, store: false }`. */
type HealthReport = Record<string, boolean>;

interface InteractionsServerOptions {
  /** The application's public key, 64 hex characters. */
  publicKey: string;
  applicationId: string;
  respond: RespondFn;
  /** Delivers answers that missed the deadline; @discordjs/rest's REST fits. */
  rest: WebhookClient;
  logger: Logger;
  /** Backs GET /healthz; all true → 200, otherwise 503. */
  health?: () => HealthReport | Promise<HealthReport>;
  /** Whether a deferred command's answer will be ephemeral (fixed at deferral time). Default: never. */
  deferEphemeral?: (interaction: APIInteraction) => boolean;
  /** How long to wait for `respond` before deferring; Discord allows 3 s in total. */
  deadlineMs?: number;
  maxBodyBytes?: number;
  /** Bodies still arriving (not yet verified) at a time; beyond it the oldest is dropped with 503. */
  maxPendingBodies?: number;
  /** Bytes those bodies may hold together; beyond it the oldest are dropped with 503. */
  maxPendingBodyBytes?: number;
  /** Accepted clock difference of X-Signature-Timestamp, either way. */
  timestampToleranceSeconds?: number;
}

const INTERACTIONS_PATH = '/interactions';
const HEALTH_PATH = '/healthz';
const DEFAULT_DEADLINE_MS = 2500;
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
// Discord's bodies are a few KiB and arrive in one go, so even a busy bot has a
// handful open at once; these bounds only ever bite slow or stalled clients.
const DEFAULT_MAX_PENDING_BODIES = 256;
const DEFAULT_MAX_PENDING_BODY_BYTES = 16 * 1024 * 1024;
const DEFAULT_TIMESTAMP_TOLERANCE_SECONDS = 300;

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const errorBody = (error: string) => json({ error });
const BAD_SIGNATURE = errorBody('invalid request signature');
const TOO_LARGE = errorBody('request body too large');
const BUSY = errorBody('too many request bodies in progress; try again');
const BAD_JSON = errorBody('request body must be a JSON interaction object');
const NOT_ALLOWED = errorBody('method not allowed');
const NOT_FOUND = errorBody('not found');
const INTERNAL = errorBody('internal error');
const PONG = json({ type: InteractionResponseType.Pong });

/** Always a Buffer, so this hot function stays monomorphic. */
function send(res: ServerResponse, status: number, body: Buffer, extraHeaders?: Record<string, string>): void {
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': body.length,
    ...extraHeaders,
  });
  res.end(body);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function isInteraction(value: unknown): value is APIInteraction {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'number';
}

function createInteractionsHandler(
  options: InteractionsServerOptions,
  pendingBodies: BodyBudget,
): (req: IncomingMessage, res: ServerResponse) => void {
  const {
    applicationId,
    respond,
    rest,
    logger,
    health,
    deferEphemeral = () => false,
    deadlineMs = DEFAULT_DEADLINE_MS,
    maxBodyBytes = DEFAULT_MAX_BODY_BYTES,
    timestampToleranceSeconds = DEFAULT_TIMESTAMP_TOLERANCE_SECONDS,
  } = options;
  const verify = createSignatureVerifier(options.publicKey);

  function receive(req: IncomingMessage, res: ServerResponse): void {
    const signature = header(req, 'x-signature-ed25519');
    const timestamp = header(req, 'x-signature-timestamp');
    // Everything checkable without the body is checked first, so junk is never buffered.
    if (signature?.length !== 128 || !isFreshTimestamp(timestamp, Date.now(), timestampToleranceSeconds)) {
      send(res, 401, BAD_SIGNATURE);
      return;
    }
    if (Number(req.headers['content-length']) > maxBodyBytes) {
      send(res, 413, TOO_LARGE, { Connection: 'close' });
      return;
    }
    // The signed message is timestamp + body; collecting the body after the timestamp makes it one concat.
    const prefix = Buffer.from(timestamp as string, 'latin1');
    const chunks: Buffer[] = [prefix];
    let size = 0;
    /** Stops receiving: what arrived is let go, the answer closes the connection. */
    const refuse = (status: number, body: Buffer) => {
      req.off('data', onData).off('end', onEnd);
      chunks.length = 0;
      slot.release();
      if (!res.headersSent) send(res, status, body, { Connection: 'close' });
    };
    const slot: BodySlot = pendingBodies.admit(() => refuse(503, BUSY));
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        refuse(413, TOO_LARGE);
        return;
      }
      if (slot.add(chunk.length)) chunks.push(chunk);
    };
    const onEnd = () =>
      guarded(res, () => {
        slot.release();
        const message = Buffer.concat(chunks, prefix.length + size);
        if (!verify(message, signature)) {
          send(res, 401, BAD_SIGNATURE);
          return;
        }
        let interaction: unknown;
        try {
          interaction = JSON.parse(message.toString('utf8', prefix.length));
        } catch {
          send(res, 400, BAD_JSON);
          return;
        }
        if (!isInteraction(interaction)) {
          send(res, 400, BAD_JSON);
          return;
        }
        if (interaction.type === InteractionType.Ping) {
          send(res, 200, PONG);
          return;
        }
        dispatch(interaction, res);
      });
    req
      .on('data', onData)
      .on('end', onEnd)
      .on('error', (error) => {
        logger.debug({ err: error }, 'request stream failed');
      })
      .once('close', () => slot.release());
  }

  /** The answer as wire JSON; one that cannot be serialised becomes the apology. */
  function serialised(interaction: Exclude<APIInteraction, APIPingInteraction>, response: APIInteractionResponse): Buffer {
    try {
      return json(response);
    } catch (error) {
      return json(failureResponse(interaction, error, logger));
    }
  }

  /** Answers inline if `respond` is quick enough, otherwise defers and delivers by webhook. */
  function dispatch(interaction: Exclude<APIInteraction, APIPingInteraction>, res: ServerResponse): void {
    withDeadline(respondOrApologize(respond, interaction, logger), deadlineMs)
      .then((outcome) =>
        guarded(res, () => {
          if (outcome.onTime) {
            send(res, 200, serialised(interaction, outcome.value));
            return;
          }
          send(res, 200, deferralFor(interaction, deferEphemeral(interaction)));
          void outcome.late
            .then((response) => deliverLate(rest, applicationId, interaction, response, logger))
            .catch((error: unknown) => logger.error({ err: error, interactionId: interaction.id }, 'delivering a late answer failed'));
        }),
      )
      .catch((error: unknown) => logger.error({ err: error }, 'answering an interaction failed'));
  }

  async function healthz(res: ServerResponse): Promise<void> {
    let checks: HealthReport = {};
    let ok = true;
    try {
      checks = health ? await health() : {};
      ok = Object.values(checks).every(Boolean);
    } catch (error) {
      logger.error({ err: error }, 'health check failed');
      ok = false;
    }
    send(res, ok ? 200 : 503, json({ status: ok ? 'ok' : 'unavailable', checks }));
  }

  function route(req: IncomingMessage, res: ServerResponse): void {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    if (path === INTERACTIONS_PATH) {
      if (req.method === 'POST') receive(req, res);
      else send(res, 405, NOT_ALLOWED, { Allow: 'POST' });
      return;
    }
    if (path === HEALTH_PATH) {
      if (req.method !== 'GET') {
        send(res, 405, NOT_ALLOWED, { Allow: 'GET' });
        return;
      }
      void healthz(res);
      return;
    }
    send(res, 404, NOT_FOUND);
  }

  /** The last line of defence: no exception leaves a request callback. */
  function guarded(res: ServerResponse, step: () => void): void {
    try {
      step();
    } catch (error) {
      logger.error({ err: error }, 'request handler failed');
      if (!res.headersSent) send(res, 500, INTERNAL);
      else res.destroy();
    }
  }

  return (req, res) => guarded(res, () => route(req, res));
}

/** A request is small; one that trickles in for longer is a slow-client attack, not Discord. */
export const REQUEST_TIMEOUT_MS = 15_000;

/** What closing a server lets go: bodies still arriving, and connections that never completed their request headers. */
interface Unfinished {
  bodies: BodyBudget;
  withoutRequest: () => Socket[];
}
const unfinishedOf = new WeakMap<Server, Unfinished>();

function trackConnections(server: Server): () => Socket[] {
  const open = new Set<Socket>();
  const withRequest = new WeakSet<Socket>();
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });
  server.on('request', (req: IncomingMessage) => withRequest.add(req.socket));
  return () => [...open].filter((socket) => !withRequest.has(socket));
}

export function createInteractionsServer(options: InteractionsServerOptions): Server {
  const pendingBodies = createBodyBudget({
    maxBodies: options.maxPendingBodies ?? DEFAULT_MAX_PENDING_BODIES,
    maxBytes: Math.max(options.maxPendingBodyBytes ?? DEFAULT_MAX_PENDING_BODY_BYTES, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES),
  });
  const server = createServer(
    {
      // Node cuts off a request whose headers (headersTimeout) or whole body (requestTimeout) is not in by then,
      // checking every connectionsCheckingInterval. A headersTimeout longer than requestTimeout kept a request
      // whose body stalled alive until the headers timeout (90 s with 66 s); Node's default check runs every 30 s.
      requestTimeout: REQUEST_TIMEOUT_MS,
      headersTimeout: REQUEST_TIMEOUT_MS,
      connectionsCheckingInterval: 1000,
    },
    createInteractionsHandler(options, pendingBodies),
  );
  unfinishedOf.set(server, { bodies: pendingBodies, withoutRequest: trackConnections(server) });
  // Outlive the usual 60 s idle timeout of load balancers, so they never reuse a socket we just closed.
  // (An idle keep-alive connection is not waiting for headers: headersTimeout starts with a request's first byte.)
  server.keepAliveTimeout = 65_000;
  // Discord sends about 15 headers and a proxy adds some; the rest of a request's headers are ignored, not stored.
  server.maxHeadersCount = 100;
  return server;
}

export interface ListeningServer {
  server: Server;
  /** The bound port (useful with port 0). */
  port: number;
  /** Stops accepting, lets requests in flight finish; drops idle keep-alive sockets, bodies still arriving (503) and connections without a request yet. */
  close(): Promise<void>;
}

export async function startInteractionsServer(options: InteractionsServerOptions & { port: number; host: string }): Promise<ListeningServer> {
  const server = createInteractionsServer(options);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject).listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const close = () =>
    new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeIdleConnections();
      // A client stalling its headers or body would otherwise hold the shutdown until the request timeout.
      const unfinished = unfinishedOf.get(server);
      unfinished?.bodies.dropAll();
      for (const socket of unfinished?.withoutRequest() ?? []) socket.destroy();
    });
  return { server, port: (server.address() as AddressInfo).port, close };
}
