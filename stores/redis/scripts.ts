import { createHash } from 'node:crypto';
import { SUPERSEDED_PAIRS } from '../shared/status-pairs.js';
import type { RedisConnection } from './connection.js';

export interface LuaScript {
  source: string;
  sha: string;
}

export function lua(source: string): LuaScript {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

/** Runs a script by its SHA (one round trip), loading it with EVAL the first time a server lacks it. */
export async function runScript(
  connection: RedisConnection,
  script: LuaScript,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<unknown> {
  const tail = [String(keys.length), ...keys, ...args.map(String)];
  try {
    return await connection.send(['EVALSHA', script.sha, ...tail]);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return connection.send(['EVAL', script.source, ...tail]);
  }
}

/*
 * A claim key holds `done`, or while handlers run the lease's end (epoch ms, the store's clock)
 * and, after a `:`, the holder's token (none from callers that give no token). Lease expiry is
 * judged by the store's clock (as memoryStore does); the key's own TTL only cleans up.
 */

/** KEYS[1] claim key. ARGV: now, lease end, lease ms, token ('' for none). */
export const CLAIM = lua(`
local value = redis.call('GET', KEYS[1])
if value == 'done' then return 'duplicate' end
if value and tonumber(string.match(value, '^%d+')) > tonumber(ARGV[1]) then return 'in_progress' end
local lease = ARGV[2]
if ARGV[4] ~= '' then lease = lease .. ':' .. ARGV[4] end
redis.call('SET', KEYS[1], lease, 'PX', ARGV[3])
return 'claimed'
`);

/**
 * KEYS[1] claim key. ARGV: now, new lease end, lease ms, token. Renews the unexpired lease the
 * token holds. Returns 1 if renewed.
 */
export const EXTEND_CLAIM = lua(`
local value = redis.call('GET', KEYS[1])
if not value or value == 'done' then return 0 end
local ends, holder = string.match(value, '^(%d+):(.*)$')
if holder ~= ARGV[4] or tonumber(ends) <= tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[2] .. ':' .. ARGV[4], 'PX', ARGV[3])
return 1
`);

/**
 * KEYS[1] claim key. ARGV: now, ttl ms, token ('' for none). Marks the key done, unless another
 * holder's unexpired lease is on it. Returns 1 if done.
 */
export const COMPLETE_CLAIM = lua(`
if ARGV[3] ~= '' then
  local value = redis.call('GET', KEYS[1])
  if value and value ~= 'done' then
    local ends, holder = string.match(value, '^(%d+):?(.*)$')
    if holder ~= ARGV[3] and ends and tonumber(ends) > tonumber(ARGV[1]) then return 0 end
  end
end
redis.call('SET', KEYS[1], 'done', 'PX', ARGV[2])
return 1
`);

/** KEYS[1] claim key. ARGV: token ('' for any). Deletes the lease the token holds. Returns 1 if deleted. */
export const RELEASE_CLAIM = lua(`
if ARGV[1] ~= '' then
  local value = redis.call('GET', KEYS[1])
  if not value or string.match(value, '^%d+:(.*)$') ~= ARGV[1] then return 0 end
end
return redis.call('DEL', KEYS[1])
`);

// (current, incoming) → out of date, generated from the core's isSuperseded.
const supersededTable = [...new Set(SUPERSEDED_PAIRS.map(([current]) => current))]
  .map((current) => {
    const incoming = SUPERSEDED_PAIRS.filter(([from]) => from === current).map(
      ([, to]) => `[${JSON.stringify(to)}] = true`,
    );
    return `  [${JSON.stringify(current)}] = { ${incoming.join(', ')} },`;
  })
  .join('\n');

/**
 * KEYS[1] message hash. ARGV: status, providerStatus, eventId, history entry (JSON), ttl ms,
 * has recipient (1/0), recipient, has sender (1/0), sender.
 * Hash fields: status, providerStatus, recipient, sender, history (a JSON array, appended to as text
 * so numbers round-trip exactly) and one `event:<id>` marker per report, for deduplication.
 * Returns { superseded (0/1), { status, providerStatus, recipient, sender, history } }.
 */
export const RECORD_STATUS = lua(`
local SUPERSEDED = {
${supersededTable}
}
local key = KEYS[1]
local status, providerStatus, eventId, change, ttl = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local current = redis.call('HGET', key, 'status')
local superseded = 0
if not current then
  redis.call('HSET', key, 'status', status, 'providerStatus', providerStatus, 'history', '[' .. change .. ']')
  redis.call('HSET', key, 'event:' .. eventId, '1')
else
  local row = SUPERSEDED[current]
  if row and row[status] then
    superseded = 1
  else
    redis.call('HSET', key, 'status', status, 'providerStatus', providerStatus)
  end
  if redis.call('HSETNX', key, 'event:' .. eventId, '1') == 1 then
    local history = redis.call('HGET', key, 'history')
    redis.call('HSET', key, 'history', string.sub(history, 1, -2) .. ',' .. change .. ']')
  end
end
if ARGV[6] == '1' then redis.call('HSETNX', key, 'recipient', ARGV[7]) end
if ARGV[8] == '1' then redis.call('HSETNX', key, 'sender', ARGV[9]) end
redis.call('PEXPIRE', key, ttl)
return { superseded, redis.call('HMGET', key, 'status', 'providerStatus', 'recipient', 'sender', 'history') }
`);

/**
 * KEYS[1] conversation key, KEYS[2] (optional) the user's conversation index, a sorted set of
 * conversation ids by start. ARGV: record JSON, ttl ms, conversation id, start (score).
 * The index lives as long as its longest-lived conversation.
 */
export const SAVE_CONVERSATION = lua(`
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
if KEYS[2] then
  redis.call('ZADD', KEYS[2], ARGV[4], ARGV[3])
  if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[2], ARGV[2]) end
end
return 1
`);

/**
 * KEYS[1] the user's conversation index. ARGV: conversation key prefix.
 * Returns the stored records (JSON), latest start first, and drops index entries whose record expired.
 */
export const USER_CONVERSATIONS = lua(`
local found = {}
for _, id in ipairs(redis.call('ZREVRANGE', KEYS[1], 0, -1)) do
  local record = redis.call('GET', ARGV[1] .. id)
  if record then found[#found + 1] = record else redis.call('ZREM', KEYS[1], id) end
end
return found
`);

/**
 * KEYS[1] the user's activity hash, KEYS[2] the user's conversation index.
 * ARGV: message field (`m:<id>`), direction code, at, agent part ('' or TAB + agent), cutoff,
 * ttl ms, message limit, conversation key prefix.
 * Fields: `m:<message id>` = `<direction> TAB <at> [TAB <agent>]` (the earliest `at` and the first
 * agent win; times stay the strings the store was given, so they round-trip exactly) and
 * `c:<conversation id>` = `<start> TAB <end> [TAB <agent>]` for conversations startConversation saved.
 * Drops messages older than the cutoff (all but the one recorded) and beyond the limit, and
 * conversations that ended before it. Returns { { field, value, … }, { record JSON, … } }.
 */
export const RECORD_ACTIVITY = lua(`
local key, field = KEYS[1], ARGV[1]
local direction, at, agent = ARGV[2], ARGV[3], ARGV[4]
local cutoff, ttl, limit = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local old = redis.call('HGET', key, field)
if old then
  local oldDirection, oldAt, oldAgent = string.match(old, '^(%a)\\t([^\\t]+)(.*)$')
  if oldDirection then
    direction = oldDirection
    if tonumber(oldAt) <= tonumber(at) then at = oldAt end
    if oldAgent ~= '' then agent = oldAgent end
  end
end
redis.call('HSET', key, field, direction .. '\\t' .. at .. agent)
local all = redis.call('HGETALL', key)
local messages, stale = {}, {}
for i = 1, #all, 2 do
  local name, value = all[i], all[i + 1]
  local kind = string.sub(name, 1, 2)
  if kind == 'm:' then
    local time = tonumber(string.match(value, '^%a\\t([^\\t]+)'))
    if name ~= field and (time == nil or time < cutoff) then
      stale[#stale + 1] = name
    else
      messages[#messages + 1] = { name, value, time or 0 }
    end
  elseif kind == 'c:' then
    local ends = tonumber(string.match(value, '^[^\\t]+\\t([^\\t]+)'))
    if ends == nil or ends < cutoff then stale[#stale + 1] = name end
  end
end
if #messages > limit then
  table.sort(messages, function(a, b)
    if a[1] == field then return b[1] ~= field end
    if b[1] == field then return false end
    return a[3] > b[3]
  end)
  for i = limit + 1, #messages do stale[#stale + 1] = messages[i][1] end
end
for i = 1, #stale, 256 do
  redis.call('HDEL', key, unpack(stale, i, math.min(i + 255, #stale)))
end
if redis.call('PTTL', key) < ttl then redis.call('PEXPIRE', key, ttl) end
local found = {}
for i = 1, math.min(#messages, limit) do
  found[#found + 1] = messages[i][1]
  found[#found + 1] = messages[i][2]
end
local records = {}
for _, id in ipairs(redis.call('ZREVRANGE', KEYS[2], 0, -1)) do
  local record = redis.call('GET', ARGV[8] .. id)
  if record then records[#records + 1] = record else redis.call('ZREM', KEYS[2], id) end
end
return { found, records }
`);

/**
 * KEYS[1] the user's activity hash, KEYS[2] conversation key, KEYS[3] the user's conversation index.
 * ARGV: field (`c:<id>`), value (`<start> TAB <end> [TAB <agent>]`), start, end, has agent (1/0),
 * agent, record JSON, ttl ms, conversation id.
 * Saves the conversation (as SAVE_CONVERSATION does) unless a `c:` entry with a compatible agent
 * overlaps [start, end). Returns 1 when saved, 0 otherwise.
 */
export const START_CONVERSATION = lua(`
local start, stop = tonumber(ARGV[3]), tonumber(ARGV[4])
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  if string.sub(all[i], 1, 2) == 'c:' then
    local from, to, rest = string.match(all[i + 1], '^([^\\t]+)\\t([^\\t]+)(.*)$')
    local agent = nil
    if rest ~= '' then agent = string.sub(rest, 2) end
    if from and tonumber(from) < stop and tonumber(to) > start
      and (agent == nil or ARGV[5] == '0' or agent == ARGV[6]) then
      return 0
    end
  end
end
local ttl = tonumber(ARGV[8])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
if redis.call('PTTL', KEYS[1]) < ttl then redis.call('PEXPIRE', KEYS[1], ttl) end
redis.call('SET', KEYS[2], ARGV[7], 'PX', ttl)
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[9])
if redis.call('PTTL', KEYS[3]) < ttl then redis.call('PEXPIRE', KEYS[3], ttl) end
return 1
`);
