// Discord-style rate limiting: per-route buckets keyed by the top-level resource, a global
// per-second limit counted over any one second (a sliding window, as Discord counts it, not
// fixed seconds), the invalid requests (401, 403, 429) counted toward Discord's 10,000 per
// 10 minutes, and the headers @discordjs/rest needs on every response (a 429 without them is
// retried at once, forever).
import { createHash } from 'node:crypto';

export type RateLimitScope = 'user' | 'global' | 'shared';

export interface RateLimitOptions {
  /** Requests per bucket window; Discord's message route allows 5 per 5 s. */
  routeLimit?: number;
  routeWindowMs?: number;
  /** Requests in any one second over all routes except those with an interaction token; Discord: 50. */
  globalPerSecond?: number;
}

export interface RateLimitDecision {
  headers: Record<string, string>;
  /** Present when the request must be answered with 429. */
  limited?: { scope: RateLimitScope; retryAfter: number };
}

/** Discord restricts an IP address after this many invalid requests (401, 403, 429) within `INVALID_WINDOW_MS`. */
export const INVALID_REQUEST_LIMIT = 10_000;
export const INVALID_WINDOW_MS = 10 * 60 * 1000;

interface Window {
  startedAt: number;
  count: number;
}

// Without enforcement the headers still count, with a budget no test reaches.
const UNENFORCED = { routeLimit: 10_000, routeWindowMs: 1_000, globalPerSecond: Infinity };
const MAJOR_PARAMETERS = ['channel_id', 'guild_id', 'webhook_id', 'interaction_id'];

const seconds = (ms: number): number => Math.max(ms, 0) / 1000;

/** Builds a 429 decision with Discord's headers for the given wait. */
export function tooManyRequests(scope: RateLimitScope, retryAfter: number, bucket: string, limit: number): RateLimitDecision {
  const headers: Record<string, string> = {
    'x-ratelimit-limit': String(limit),
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset': String((Date.now() + retryAfter * 1000) / 1000),
    'x-ratelimit-reset-after': retryAfter.toFixed(3),
    'x-ratelimit-bucket': bucket,
    'x-ratelimit-scope': scope,
    // Discord sends whole seconds here and the exact value in the body.
    'retry-after': String(Math.ceil(retryAfter)),
  };
  if (scope === 'global') headers['x-ratelimit-global'] = 'true';
  return { headers, limited: { scope, retryAfter } };
}

export class RateLimiter {
  private readonly routeLimit: number;
  private readonly routeWindowMs: number;
  private readonly globalPerSecond: number;
  private readonly buckets = new Map<string, Window>();
  /** When the requests counted toward the global limit within the last second arrived, oldest first. */
  private readonly globalArrivals: number[] = [];
  /** When the invalid requests of the last 10 minutes were answered, oldest first. */
  private readonly invalid: number[] = [];

  /** `options` undefined: headers only, nothing enforced. */
  constructor(options?: RateLimitOptions) {
    const base = options ? { routeLimit: 5, routeWindowMs: 5_000, globalPerSecond: 50 } : UNENFORCED;
    this.routeLimit = options?.routeLimit ?? base.routeLimit;
    this.routeWindowMs = options?.routeWindowMs ?? base.routeWindowMs;
    this.globalPerSecond = options?.globalPerSecond ?? base.globalPerSecond;
  }

  /** Counts an answer toward the invalid requests if it is one: 401, 403, or a 429 other than a shared resource's. */
  noteAnswer(status: number, scope: RateLimitScope | undefined): void {
    if (status === 401 || status === 403 || (status === 429 && scope !== 'shared')) this.invalid.push(Date.now());
  }

  /** The invalid requests of the last 10 minutes. */
  invalidRequests(): number {
    const now = Date.now();
    while (this.invalid.length > 0 && this.invalid[0]! + INVALID_WINDOW_MS <= now) this.invalid.shift();
    return this.invalid.length;
  }

  /** The bucket hash Discord would name for a route (method + template). */
  static bucketOf(method: string, template: string): string {
    return createHash('sha1').update(`${method} ${template}`).digest('hex').slice(0, 16);
  }

  /** Counts one request and decides; interaction-token requests are exempt from the global limit. */
  take(method: string, template: string, params: Record<string, string>, exemptFromGlobal: boolean): RateLimitDecision {
    const now = Date.now();
    const bucket = RateLimiter.bucketOf(method, template);
    if (!exemptFromGlobal) {
      const arrivals = this.globalArrivals;
      while (arrivals.length > 0 && arrivals[0]! + 1000 <= now) arrivals.shift();
      // Any one second: refused while the last second already holds the limit (a refused request does not count).
      if (arrivals.length >= this.globalPerSecond) {
        return tooManyRequests('global', seconds(arrivals[arrivals.length - this.globalPerSecond]! + 1000 - now), bucket, this.routeLimit);
      }
      arrivals.push(now);
    }
    const major = MAJOR_PARAMETERS.map((p) => params[p] ?? '').join(':');
    const key = `${bucket}:${major}`;
    let window = this.buckets.get(key);
    if (!window || now - window.startedAt >= this.routeWindowMs) {
      window = { startedAt: now, count: 0 };
      this.buckets.set(key, window);
    }
    window.count += 1;
    const resetAfter = seconds(window.startedAt + this.routeWindowMs - now);
    if (window.count > this.routeLimit) return tooManyRequests('user', resetAfter, bucket, this.routeLimit);
    return {
      headers: {
        'x-ratelimit-limit': String(this.routeLimit),
        'x-ratelimit-remaining': String(this.routeLimit - window.count),
        'x-ratelimit-reset': String((window.startedAt + this.routeWindowMs) / 1000),
        'x-ratelimit-reset-after': resetAfter.toFixed(3),
        'x-ratelimit-bucket': bucket,
      },
    };
  }
}
