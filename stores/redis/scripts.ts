import { createHash } from 'node:crypto';
import { SUPERSEDED_PAIRS } from '../shared/status-pairs.js';
import type { RedisConnection } from './connection.js';

export interface LuaScript {
  source: string;
  sha: string;
}

function lua(source: string): LuaScript {
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

/**
 * KEYS[1] claim key. ARGV: now, lease end (epoch ms, the store's clock), lease ms.
 * The value is the lease end, or `done`. Lease expiry is judged by the store's clock (as memoryStore
 * does); the key's own TTL only cleans up.
 */
export const CLAIM = lua(`
local value = redis.call('GET', KEYS[1])
if value == 'done' then return 'duplicate' end
if value and tonumber(value) > tonumber(ARGV[1]) then return 'in_progress' end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 'claimed'
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
