import { lua } from './scripts.js';

/*
 * The durable inbox (see keys.ts). An entry is waiting or leased while its member is in the queue
 * (scored by its due time, or by its lease's end once taken, so an expired lease is simply due again),
 * dead while it is in the dead set; its hash exists in every state, so enqueue skips it.
 * A member is `<enqueue sequence, 16 digits>:<event key>` (the entry's `member` field): entries due
 * in the same millisecond, as a batch is, come out in enqueue order. Times come from the store's
 * clock as decimal strings and are stored as given (never computed in Lua, whose number-to-string
 * conversion keeps only 14 digits).
 */

/**
 * KEYS[1] queue, KEYS[2] sequence counter, KEYS[3..n+2] entry hashes. ARGV[1] now, then per entry
 * its event key and payload. Returns how many were added (a key already waiting, leased or dead,
 * or repeated, adds nothing).
 */
export const INBOX_ENQUEUE = lua(`
local at, added = ARGV[1], 0
for i = 3, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 0 then
    local member = string.format('%016d', redis.call('INCR', KEYS[2])) .. ':' .. ARGV[2 * i - 4]
    redis.call('HSET', KEYS[i], 'payload', ARGV[2 * i - 3], 'attempts', 0, 'enqueuedAt', at, 'member', member)
    redis.call('ZADD', KEYS[1], at, member)
    added = added + 1
  end
end
return added
`);

/**
 * KEYS[1] queue. ARGV: now, lease end, limit (-1: all), lease token, entry key prefix.
 * Leases the due entries, earliest first. Returns { { key, payload, attempts, enqueuedAt, lastError }, … }.
 */
export const INBOX_TAKE = lua(`
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])
local taken = {}
for _, member in ipairs(due) do
  local key = string.sub(member, 18)
  local entry = ARGV[5] .. key
  if redis.call('EXISTS', entry) == 0 then
    redis.call('ZREM', KEYS[1], member)
  else
    local attempts = redis.call('HINCRBY', entry, 'attempts', 1)
    redis.call('HSET', entry, 'lease', ARGV[4])
    redis.call('ZADD', KEYS[1], ARGV[2], member)
    local fields = redis.call('HMGET', entry, 'payload', 'enqueuedAt', 'lastError')
    taken[#taken + 1] = { key, fields[1], attempts, fields[2], fields[3] }
  end
end
return taken
`);

/**
 * KEYS[1] queue, KEYS[2] entry. ARGV: lease token, new lease end. Renews the lease if the token is
 * current: a lease that ran out but was not taken again is still its holder's. Returns 1 if renewed.
 */
export const INBOX_EXTEND = lua(`
local fields = redis.call('HMGET', KEYS[2], 'lease', 'member')
if fields[1] ~= ARGV[1] then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], fields[2])
return 1
`);

/**
 * KEYS[1] queue, KEYS[2] entry. ARGV: lease token, due time. Releases the lease without counting
 * the attempt (attempts decremented, never below 0) and leaves lastError as it is.
 */
export const INBOX_POSTPONE = lua(`
local fields = redis.call('HMGET', KEYS[2], 'lease', 'member', 'attempts')
if fields[1] ~= ARGV[1] then return 0 end
redis.call('HDEL', KEYS[2], 'lease')
if tonumber(fields[3]) > 0 then redis.call('HINCRBY', KEYS[2], 'attempts', -1) end
redis.call('ZADD', KEYS[1], ARGV[2], fields[2])
return 1
`);

/** KEYS[1] queue, KEYS[2] entry. ARGV: lease token. Removes the entry if the lease is current. */
export const INBOX_ACK = lua(`
local fields = redis.call('HMGET', KEYS[2], 'lease', 'member')
if fields[1] ~= ARGV[1] then return 0 end
redis.call('ZREM', KEYS[1], fields[2])
redis.call('DEL', KEYS[2])
return 1
`);

/** KEYS[1] queue, KEYS[2] entry. ARGV: lease token, due time, error. */
export const INBOX_RETRY = lua(`
local fields = redis.call('HMGET', KEYS[2], 'lease', 'member')
if fields[1] ~= ARGV[1] then return 0 end
redis.call('HDEL', KEYS[2], 'lease')
redis.call('HSET', KEYS[2], 'lastError', ARGV[3])
redis.call('ZADD', KEYS[1], ARGV[2], fields[2])
return 1
`);

/** KEYS[1] queue, KEYS[2] dead set, KEYS[3] entry. ARGV: lease token, deadAt, error. */
export const INBOX_DEAD_LETTER = lua(`
local fields = redis.call('HMGET', KEYS[3], 'lease', 'member')
if fields[1] ~= ARGV[1] then return 0 end
redis.call('ZREM', KEYS[1], fields[2])
redis.call('HDEL', KEYS[3], 'lease')
redis.call('HSET', KEYS[3], 'lastError', ARGV[3], 'deadAt', ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[2], fields[2])
return 1
`);

/**
 * KEYS[1] dead set. ARGV: first rank, last rank, entry key prefix. Oldest first.
 * Returns { { key, payload, attempts, enqueuedAt, deadAt, lastError }, … }.
 */
export const INBOX_LIST_DEAD = lua(`
local letters = {}
for _, member in ipairs(redis.call('ZRANGE', KEYS[1], ARGV[1], ARGV[2])) do
  local key = string.sub(member, 18)
  local fields = redis.call('HMGET', ARGV[3] .. key, 'payload', 'attempts', 'enqueuedAt', 'deadAt', 'lastError')
  if fields[1] then letters[#letters + 1] = { key, fields[1], fields[2], fields[3], fields[4], fields[5] } end
end
return letters
`);

/** KEYS[1] queue, KEYS[2] dead set, KEYS[3] entry. ARGV: now. Returns 1 if it was a dead letter. */
export const INBOX_REPLAY = lua(`
local member = redis.call('HGET', KEYS[3], 'member')
if not member or redis.call('ZREM', KEYS[2], member) == 0 then return 0 end
redis.call('HDEL', KEYS[3], 'deadAt')
redis.call('HSET', KEYS[3], 'attempts', 0)
redis.call('ZADD', KEYS[1], ARGV[1], member)
return 1
`);

/** KEYS[1] dead set, KEYS[2] entry. Returns 1 if it was a dead letter. */
export const INBOX_DISCARD = lua(`
local member = redis.call('HGET', KEYS[2], 'member')
if not member or redis.call('ZREM', KEYS[1], member) == 0 then return 0 end
redis.call('DEL', KEYS[2])
return 1
`);

/** KEYS[1] queue, KEYS[2] dead set. Returns { pending, dead letters }. */
export const INBOX_COUNTS = lua(`
return { redis.call('ZCARD', KEYS[1]), redis.call('ZCARD', KEYS[2]) }
`);
