// What GET /healthz reports, in either mode: the data is loaded, and the store takes
// writes. The store check writes a heartbeat (Store.heartbeat: on SQLite also that
// the file at the path is still the one open) at most once a second however often
// it is asked, and answers from that meanwhile, so probes cannot load the store;
// a write that fails or hangs past the store timeout reports 503 until one succeeds.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Logger } from '../logging/logger.js';
import type { Store } from '../store/store.js';
import type { AppContext, Stop } from './context.js';

/** Readiness of each dependency, e.g. `{ knowledgeBase: true, store: false }`. */
export type HealthReport = Record<string, boolean>;

const PROBE_INTERVAL_MS = 1000;

/** Resolves whether the store took a write within the last second (writing one if the last is older); never rejects. */
export function storeWriteProbe(
  store: Pick<Store, 'heartbeat'>,
  logger: Pick<Logger, 'info' | 'warn'>,
  intervalMs = PROBE_INTERVAL_MS,
): () => Promise<boolean> {
  let last: { at: number; ok: boolean } | undefined;
  let running: Promise<boolean> | undefined;
  const probe = async (): Promise<boolean> => {
    let ok = true;
    try {
      await store.heartbeat();
    } catch (error) {
      ok = false;
      if (last?.ok !== false) logger.warn({ err: error }, 'the store does not take writes; /healthz reports 503');
    }
    if (ok && last?.ok === false) logger.info('the store takes writes again; /healthz reports 200');
    last = { at: Date.now(), ok };
    return ok;
  };
  return () => {
    if (last && Date.now() - last.at < intervalMs) return Promise.resolve(last.ok);
    running ??= probe().finally(() => (running = undefined));
    return running;
  };
}

/** The report of one context: its knowledge base and its store. */
export function healthOf(ctx: Pick<AppContext, 'knowledge' | 'store' | 'logger'>): () => Promise<HealthReport> {
  const storeTakesWrites = storeWriteProbe(ctx.store, ctx.logger);
  return async () => ({ knowledgeBase: ctx.knowledge.current().articles.length > 0, store: await storeTakesWrites() });
}

/**
 * Gateway mode's health endpoint (LAGEBILD_HEALTH_PORT): a tiny server answering
 * GET /healthz like the HTTP mode's, 200 or 503 with `{ status, checks }`; 404 elsewhere.
 */
export async function startHealthServer(
  health: () => Promise<HealthReport>,
  options: { port: number; host: string; logger: Logger },
): Promise<{ port: number; stop: Stop }> {
  const server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) }).end(text);
    };
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/healthz') {
      send(404, { error: 'not found' });
      return;
    }
    if (req.method !== 'GET') {
      send(405, { error: 'method not allowed' });
      return;
    }
    health().then(
      (checks) => {
        const ok = Object.values(checks).every(Boolean);
        send(ok ? 200 : 503, { status: ok ? 'ok' : 'unavailable', checks });
      },
      (error: unknown) => {
        options.logger.error({ err: error }, 'health check failed');
        send(503, { status: 'unavailable', checks: {} });
      },
    );
  });
  // Probes are short; nothing keeps a connection for long.
  server.requestTimeout = 10_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject).listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const stop: Stop = () =>
    new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
  return { port: (server.address() as AddressInfo).port, stop };
}
