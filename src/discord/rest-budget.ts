// The one REST budget of the bot token, shared by every process on the store.
// Every REST client the bot makes sends through `budgetedRequests` (REST's
// `makeRequest` hook, below its own per-route queues), so no request with the bot
// token bypasses it: before a request goes out it takes a turn of the store's sliding
// window (store.takeTurn), and ends it when the answer came. A turn is held from
// before the request leaves until one second after its answer, and Discord counts a
// request somewhere in between, so every one-second window of Discord's, wherever it
// starts, holds at most `perSecond` requests of all processes together.
// Requests with an interaction token (callbacks, follow-ups, edits of the original
// response; sent without Authorization) are exempt from Discord's global limit and
// pass untouched. Interactive requests (commands' lookups, registration) may use the
// whole budget; alert sends (background) leave `reserve` turns to them, and an
// interactive request that finds no turn pauses the background briefly, so the next
// turn that frees goes to it. Discord's rate-limit headers are shared the same way:
// a bucket announced as exhausted, or a 429, pauses that route (or, for a global 429,
// everything) in every process.
import { randomUUID } from 'node:crypto';

import { DefaultRestOptions, type ResponseLike, type RESTOptions } from '@discordjs/rest';

import type { Store } from '../store/store.js';
import { StoreUnavailableError } from '../store/store.js';

export type RequestPriority = 'interactive' | 'background';

type MakeRequest = RESTOptions['makeRequest'];
type RequestInit = Parameters<MakeRequest>[1];

/** Discord's global limit per bot token. */
export const DISCORD_REQUESTS_PER_SECOND = 50;
const WINDOW_MS = 1000;
/** Turns alert sends leave to interactive requests. */
const INTERACTIVE_RESERVE = 1;
/** How long an interactive request that found no turn holds the background back (renewed while it waits). */
const GIVE_WAY_MS = 250;
/** The scope every request waits on: a global 429 pauses it. */
const GLOBAL_SCOPE = 'global';
const BACKGROUND_SCOPE = 'background';
/** How long to wait before asking the store again when it cannot serve, at first and at most. */
const STORE_RETRY_MS = { first: 100, max: 2_000 };

export interface RestBudgetOptions {
  store: Pick<Store, 'takeTurn' | 'endTurn' | 'pauseTurns'>;
  priority: RequestPriority;
  /** The REST client's own timeout: a request gets it in full once it has its turn. */
  timeoutMs: number;
  perSecond?: number;
  /** Where requests go once they have their turn; default @discordjs/rest's own. */
  send?: MakeRequest;
  /** Told when the store cannot serve; the request waits and asks again. */
  onStoreUnavailable?: (error: StoreUnavailableError) => void;
}

/** Only requests with the bot token count: interaction-token routes are sent without Authorization. */
function usesBotToken(init: RequestInit): boolean {
  const { headers } = init;
  if (!headers) return false;
  const value =
    headers instanceof Headers
      ? headers.get('authorization')
      : Array.isArray(headers)
        ? undefined
        : (headers as Record<string, string>).Authorization;
  return typeof value === 'string' && value.startsWith('Bot ');
}

const SNOWFLAKE = /^\d{15,21}$/;
const MAJOR_RESOURCES = new Set(['channels', 'guilds', 'webhooks']);

/**
 * The rate-limit bucket a request falls in, as Discord keys it: method and route, with
 * the major parameter (the channel, guild or webhook) kept and other ids left out.
 */
export function routeScope(method: string, url: string): string {
  const path = new URL(url).pathname.replace(/^.*?\/v\d+\//, '');
  const parts = path.split('/').map((part, i, all) => (SNOWFLAKE.test(part) && !(i === 1 && MAJOR_RESOURCES.has(all[0] ?? '')) ? ':id' : part));
  return `${method.toUpperCase()} /${parts.join('/')}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The `makeRequest` for a REST client whose bot-token requests draw from the shared budget. */
export function budgetedRequests(options: RestBudgetOptions): MakeRequest {
  const { store, priority, timeoutMs } = options;
  const send = options.send ?? DefaultRestOptions.makeRequest;
  const perSecond = options.perSecond ?? DISCORD_REQUESTS_PER_SECOND;
  const limit = priority === 'interactive' ? perSecond : Math.max(perSecond - INTERACTIVE_RESERVE, 1);

  async function storeCall<T>(call: () => Promise<T>): Promise<T> {
    for (let retryMs = STORE_RETRY_MS.first; ; retryMs = Math.min(retryMs * 2, STORE_RETRY_MS.max)) {
      try {
        return await call();
      } catch (error) {
        // Not sent without a turn: the request waits until the store serves again.
        if (!(error instanceof StoreUnavailableError)) throw error;
        options.onStoreUnavailable?.(error);
        await sleep(retryMs);
      }
    }
  }

  async function takeTurn(id: string, scope: string): Promise<void> {
    const scopes = priority === 'interactive' ? [GLOBAL_SCOPE, scope] : [GLOBAL_SCOPE, scope, BACKGROUND_SCOPE];
    const onRefusal = priority === 'interactive' ? { scope: BACKGROUND_SCOPE, ms: GIVE_WAY_MS } : undefined;
    for (;;) {
      const wait = await storeCall(() =>
        store.takeTurn({ id, limit, windowMs: WINDOW_MS, holdMs: timeoutMs + WINDOW_MS, scopes, ...(onRefusal && { onRefusal }) }),
      );
      if (wait === 0) return;
      await sleep(wait);
    }
  }

  /** Shares what Discord's headers say with every process: an exhausted bucket or a 429 pauses its route, a global 429 everything. */
  async function notePauses(response: ResponseLike, scope: string): Promise<void> {
    const { headers } = response;
    const seconds = (name: string) => Number(headers.get(name) ?? Number.NaN);
    if (response.status === 429 && headers.get('x-ratelimit-global') === 'true') {
      const retryAfter = seconds('retry-after');
      await store.pauseTurns(GLOBAL_SCOPE, Math.ceil((Number.isFinite(retryAfter) ? retryAfter : 1) * 1000));
      return;
    }
    const resetAfter = seconds('x-ratelimit-reset-after');
    if ((response.status === 429 || headers.get('x-ratelimit-remaining') === '0') && Number.isFinite(resetAfter) && resetAfter > 0) {
      await store.pauseTurns(scope, Math.ceil(resetAfter * 1000));
    }
  }

  return async (url, init) => {
    if (!usesBotToken(init)) return send(url, init);
    const id = randomUUID();
    const scope = routeScope(init.method ?? 'GET', url);
    await takeTurn(id, scope);
    let response: ResponseLike;
    try {
      // REST's own timer ran while the request waited for its turn; from here it gets its full timeout.
      response = await send(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } finally {
      // Not awaited: an end that fails (the store is down) only holds the turn until holdMs ran out.
      store.endTurn(id).catch(() => undefined);
    }
    await notePauses(response, scope).catch(() => undefined);
    return response;
  };
}
