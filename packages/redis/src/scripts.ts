// Lua run atomically inside Redis: no other command runs between the check and the add, so N
// processes can never together start more than L calls in any W ms. Time comes from Redis (TIME),
// one clock for every process however far their own clocks drift.

/**
 * Sliding-window log over sorted sets (score = start time in ms, member = a unique id).
 * KEYS[1] all calls, KEYS[2] token calls, KEYS[3] processes seen (member = process id).
 * ARGV: windowMs, callsPerWindow, tokenPerWindow, isToken (0/1), take (0 = only look), member,
 *       processId.
 * Returns { granted (0/1), waitMs, nowMs, processesSeen, reason (1 all calls, 2 token calls), the
 * all-calls log, the token log } (logs as ZRANGE … WITHSCORES: a process that loses Redis knows what
 * the others had started; at most L entries, cheap at 120 calls a minute). Like the in-process
 * limiter, a start at exactly now - W has left the window, and the wait is until the start that
 * blocks leaves it.
 */
export const ACQUIRE = `
local window = tonumber(ARGV[1])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local horizon = now - window
local function over(key, limit)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', horizon)
  local n = redis.call('ZCARD', key)
  if n < limit then return 0 end
  local blocking = redis.call('ZRANGE', key, n - limit, n - limit, 'WITHSCORES')
  return tonumber(blocking[2]) + window - now
end
local wait = over(KEYS[1], tonumber(ARGV[2]))
local reason = 1
if ARGV[4] == '1' then
  local tokenWait = over(KEYS[2], tonumber(ARGV[3]))
  if tokenWait > wait then
    wait = tokenWait
    reason = 2
  end
end
redis.call('ZADD', KEYS[3], now, ARGV[7])
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - 2 * window)
redis.call('PEXPIRE', KEYS[3], 2 * window)
local seen = redis.call('ZCARD', KEYS[3])
local function logs(granted)
  return {granted, wait, now, seen, reason, redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES'),
    redis.call('ZRANGE', KEYS[2], 0, -1, 'WITHSCORES')}
end
if wait > 0 then return logs(0) end
if ARGV[5] == '1' then
  redis.call('ZADD', KEYS[1], now, ARGV[6])
  redis.call('PEXPIRE', KEYS[1], window)
  if ARGV[4] == '1' then
    redis.call('ZADD', KEYS[2], now, ARGV[6])
    redis.call('PEXPIRE', KEYS[2], window)
  end
end
return logs(1)
`;

/**
 * Adds starts made while Redis was unreachable (already in Redis time) so that the processes that
 * kept using Redis see them. KEYS[1] all calls, KEYS[2] token calls; ARGV: windowMs, then pairs of
 * (score, isToken); members are made from ARGV[2]'s prefix. Returns the number added.
 */
export const REPLAY = `
local window = tonumber(ARGV[1])
local prefix = ARGV[2]
local added = 0
for i = 3, #ARGV, 2 do
  local score = tonumber(ARGV[i])
  local member = prefix .. ':' .. i
  redis.call('ZADD', KEYS[1], score, member)
  if ARGV[i + 1] == '1' then redis.call('ZADD', KEYS[2], score, member) end
  added = added + 1
end
redis.call('PEXPIRE', KEYS[1], window)
if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('PEXPIRE', KEYS[2], window) end
return added
`;

/** Deletes KEYS[1] only if it still holds ARGV[1] (a lock is released only by its holder). */
export const RELEASE_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;
