// Lua scripts for the Redis operations that must read and write in one step; Redis
// runs each script atomically, so they hold across every process sharing the server.
// A queue is four keys: `due` (sorted set id → time it is next claimable: the
// notBefore of a waiting item, the lease end of a claimed one), `items` (hash id →
// item), `attempts` (hash id → claim count) and `done` (sorted set id → completion time).

/**
 * Compare-and-set of one key. KEYS[1] the key. ARGV: expected-present flag ('1'/'0'),
 * expected value, write flag ('1' write / '0' delete), new value, ttl in ms ('' for none).
 * Returns {1} on success, else {0, current value} ({0} if the key is absent).
 */
export const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
local matches
if ARGV[1] == '1' then matches = current == ARGV[2] else matches = current == false end
if not matches then return {0, current} end
if ARGV[3] == '0' then
  redis.call('DEL', KEYS[1])
elseif ARGV[5] == '' then
  redis.call('SET', KEYS[1], ARGV[4])
else
  redis.call('SET', KEYS[1], ARGV[4], 'PX', ARGV[5])
end
return {1}
`;

/** KEYS: items, due, done. ARGV: id, item, due time. Returns 1 if added, 0 if the id is known. */
export const ENQUEUE = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 or redis.call('ZSCORE', KEYS[3], ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
return 1
`;

/**
 * KEYS: due, items, attempts. ARGV: now, lease end, limit.
 * Returns a flat list id, item, attempts, id, item, attempts, … (earliest due first).
 */
export const CLAIM = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])
local claimed = {}
for _, id in ipairs(ids) do
  redis.call('ZADD', KEYS[1], ARGV[2], id)
  claimed[#claimed + 1] = id
  claimed[#claimed + 1] = redis.call('HGET', KEYS[2], id)
  claimed[#claimed + 1] = redis.call('HINCRBY', KEYS[3], id, 1)
end
return claimed
`;

/**
 * KEYS: due, items, attempts, done. ARGV: id, now, forget-before time.
 * Returns 1 if the item was in the queue. Also forgets ids completed before ARGV[3].
 */
export const COMPLETE = `
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', '(' .. ARGV[3])
if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
redis.call('ZADD', KEYS[4], ARGV[2], ARGV[1])
return 1
`;

/** KEYS: due. ARGV: id, new due time. Returns 1 if the item was in the queue. */
export const RELEASE = `
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
return 1
`;
