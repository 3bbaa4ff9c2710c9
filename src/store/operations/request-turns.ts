// A sliding-window request budget shared by every process on the store (Discord's
// one REST budget per bot token). A turn is held from when it is taken until
// `windowMs` after it ended; a turn that never ends (its process died) is held for
// `holdMs` plus the window. Pauses hold requests of a scope for a while.
// Times: Redis uses the server's clock (TIME), so processes on several machines agree;
// SQLite the calling process's clock (the file is on one machine).
//   SQLite: table request_turns (id → held_until, the turn's end or, while it is
//           unanswered, the latest it may end); table request_pauses (scope → until).
//   Redis:  sorted set P:request-turns:held (id → the same end time), and one string
//           P:request-turns:pause:SCOPE per paused scope, expiring when the pause ends.
import type { StoreOperation } from '../backend.js';

export interface TurnRequest {
  /** Unique per request; `endTurn` names it. */
  id: string;
  /** How many turns may be held, this one included, for the request to go now. */
  limit: number;
  windowMs: number;
  /** The longest a turn may stay unended; then it counts as ended (a process that died). */
  holdMs: number;
  /** Pauses that hold this request (see pauseTurns). */
  scopes: readonly string[];
  /** When refused for lack of turns, pause this scope until this long after the caller asks again (others give way). */
  onRefusal?: { scope: string; ms: number };
}

/** How soon to ask again when the turn that frees next is still unanswered. */
const UNANSWERED_RETRY_MS = 20;

const keys = (prefix: string) => ({ held: `${prefix}:request-turns:held`, pause: (scope: string) => `${prefix}:request-turns:pause:${scope}` });

const NOW = `local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/**
 * KEYS: held, refusal pause, pause of each scope… ARGV: id, limit, window, hold, refusal ms, unanswered retry.
 * Returns 0 when the turn was taken, otherwise how many ms to wait before asking again.
 */
const TAKE = `
${NOW}
local wait = 0
for i = 3, #KEYS do
  local ttl = redis.call('PTTL', KEYS[i])
  if ttl > wait then wait = ttl end
end
if wait > 0 then return wait end
local window = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local held = redis.call('ZCARD', KEYS[1])
local limit = tonumber(ARGV[2])
if held < limit then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[4]), ARGV[1])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]) + window)
  return 0
end
local frees = tonumber(redis.call('ZRANGE', KEYS[1], held - limit, held - limit, 'WITHSCORES')[2])
if frees > now then wait = tonumber(ARGV[6]) else wait = math.max(frees + window - now, 1) end
local refusal = tonumber(ARGV[5])
if refusal > 0 and redis.call('PTTL', KEYS[2]) < wait + refusal then redis.call('SET', KEYS[2], '1', 'PX', wait + refusal) end
return wait
`;

/** KEYS: held. ARGV: id. */
const END = `
${NOW}
redis.call('ZADD', KEYS[1], 'XX', 'LT', now, ARGV[1])
`;

/** KEYS: pause. ARGV: ms. Lengthens a pause, never shortens it. */
const PAUSE = `
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], '1', 'PX', ARGV[1]) end
`;

/** Resolves 0 when the turn was taken, otherwise how many ms to wait before asking again. */
export function takeTurn(request: TurnRequest, now: () => number): StoreOperation<number> {
  const { id, limit, windowMs, holdMs, scopes, onRefusal } = request;
  return {
    sqlite: (db) =>
      db.immediate(() => {
        const at = now();
        const pausedUntil = scopes.length
          ? (db
              .statement<string[], { until: number | null }>(
                `SELECT max(until) AS until FROM request_pauses WHERE scope IN (${scopes.map(() => '?').join(', ')})`,
              )
              .get(...scopes)?.until ?? 0)
          : 0;
        if (pausedUntil > at) return pausedUntil - at;
        db.statement<[number]>('DELETE FROM request_turns WHERE held_until <= ?').run(at - windowMs);
        const held = db.statement<[], { n: number }>('SELECT count(*) AS n FROM request_turns').get()?.n ?? 0;
        if (held < limit) {
          db.statement<[string, number]>('INSERT INTO request_turns (id, held_until) VALUES (?, ?)').run(id, at + holdMs);
          return 0;
        }
        const frees =
          db
            .statement<[number], { held_until: number }>('SELECT held_until FROM request_turns ORDER BY held_until LIMIT 1 OFFSET ?')
            .get(held - limit)?.held_until ?? at;
        const wait = frees > at ? UNANSWERED_RETRY_MS : Math.max(frees + windowMs - at, 1);
        if (onRefusal) pauseRow(db, onRefusal.scope, at + wait + onRefusal.ms, at);
        return wait;
      }),
    redis: async ({ client, prefix }) => {
      const k = keys(prefix);
      const reply = await client.eval(TAKE, {
        keys: [k.held, k.pause(onRefusal?.scope ?? '.none'), ...scopes.map(k.pause)],
        arguments: [id, String(limit), String(windowMs), String(holdMs), String(onRefusal?.ms ?? 0), String(UNANSWERED_RETRY_MS)],
      });
      return Number(reply);
    },
  };
}

/** The request was answered (or failed): its turn is held for one more window from now. */
export function endTurn(id: string, now: () => number): StoreOperation<void> {
  return {
    sqlite: (db) => {
      const at = now();
      db.statement<[number, string, number]>('UPDATE request_turns SET held_until = ? WHERE id = ? AND held_until > ?').run(at, id, at);
    },
    redis: async ({ client, prefix }) => {
      await client.eval(END, { keys: [keys(prefix).held], arguments: [id] });
    },
  };
}

/** Holds every request of `scope` for `ms` from now (a longer pause already there stays). */
export function pauseTurns(scope: string, ms: number, now: () => number): StoreOperation<void> {
  return {
    sqlite: (db) => {
      const at = now();
      pauseRow(db, scope, at + ms, at);
    },
    redis: async ({ client, prefix }) => {
      await client.eval(PAUSE, { keys: [keys(prefix).pause(scope)], arguments: [String(Math.ceil(ms))] });
    },
  };
}

function pauseRow(db: Parameters<StoreOperation<void>['sqlite']>[0], scope: string, until: number, at: number): void {
  db.statement<[number]>('DELETE FROM request_pauses WHERE until <= ?').run(at);
  db.statement<[string, number]>(
    `INSERT INTO request_pauses (scope, until) VALUES (?, ?)
     ON CONFLICT (scope) DO UPDATE SET until = max(until, excluded.until)`,
  ).run(scope, until);
}
