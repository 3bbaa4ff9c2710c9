// On-demand faults: the next N requests matching a route get a chosen failure instead of
// their normal answer.
import type { RateLimitScope } from './rate-limits.js';

export type Fault =
  /** 429 with Discord's headers; `retryAfter` in seconds (default 1). */
  | { kind: 'rate-limit'; scope?: RateLimitScope; retryAfter?: number }
  /** 401 Unauthorized (code 0). */
  | { kind: 'unauthorized' }
  /** 403 with 50001 Missing Access. */
  | { kind: 'missing-access' }
  /** 403 with 50013 Missing Permissions. */
  | { kind: 'missing-permissions' }
  /** 404 with 10003 Unknown Channel. */
  | { kind: 'unknown-channel' }
  | { kind: 'server-error'; status?: 500 | 502 }
  /** Never answer (until the stand-in closes). */
  | { kind: 'hang' }
  /** Destroy the connection without an answer. */
  | { kind: 'drop' };

export type FaultSpec = Fault & {
  /** Matches the path after `/api/v10` (e.g. `/channels/123/messages`): a string is a prefix. */
  path: string | RegExp;
  method?: string;
  /** How many matching requests fail (default 1). */
  times?: number;
};

interface Armed {
  spec: FaultSpec;
  remaining: number;
}

export class Faults {
  private armed: Armed[] = [];

  inject(spec: FaultSpec): void {
    this.armed.push({ spec, remaining: spec.times ?? 1 });
  }

  /** The fault for this request, if one is armed; counts it down. */
  take(method: string, path: string): Fault | undefined {
    const hit = this.armed.find(({ spec }) => {
      if (spec.method && spec.method.toUpperCase() !== method) return false;
      return typeof spec.path === 'string' ? path.startsWith(spec.path) : spec.path.test(path);
    });
    if (!hit) return undefined;
    hit.remaining -= 1;
    if (hit.remaining <= 0) this.armed = this.armed.filter((a) => a !== hit);
    return hit.spec;
  }
}
