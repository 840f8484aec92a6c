import type { ClaimOutcome, ConversationRecord } from '../src/store/types.js';
import { recordActivity, startConversation } from './redis/activity.js';
import { redisInbox } from './redis/inbox.js';
import { redisKeys } from './redis/keys.js';
import { MESSAGE_FIELDS, readMessage } from './redis/messages.js';
import { openConnection, type RedisStore, type RedisStoreOptions } from './redis/options.js';
import { list, text, unexpected } from './redis/replies.js';
import {
  CLAIM,
  COMPLETE_CLAIM,
  EXTEND_CLAIM,
  RECORD_STATUS,
  RELEASE_CLAIM,
  runScript,
  SAVE_CONVERSATION,
  USER_CONVERSATIONS,
} from './redis/scripts.js';
import { pickOpenConversation } from './shared/conversations.js';
import { conversationTtlMs, positiveMs, resolveSharedOptions } from './shared/options.js';
import { splitUpdate } from './shared/records.js';
import { escapeText } from './shared/text-escape.js';
import { closed, withTimeout } from './shared/timeout.js';

export type { IoRedisClient, NodeRedisClient, RedisClientLike } from './redis/connection.js';
export { redisKeys } from './redis/keys.js';
export type { RedisStore, RedisStoreOptions } from './redis/options.js';

const CLAIM_OUTCOMES: readonly string[] = ['claimed', 'duplicate', 'in_progress'] satisfies ClaimOutcome[];

/**
 * A ConversationStore in Redis, shared by every instance of an app. Each call is one round trip
 * (a Lua script or a single command) and every key it writes has a TTL, except the durable inbox's.
 */
export function redisStore(options: RedisStoreOptions): RedisStore {
  const shared = resolveSharedOptions('redisStore', options);
  const { now, timeoutMs } = shared;
  const connection = openConnection(options, timeoutMs);
  const keys = redisKeys(options.prefix ?? 'rcs:');
  let closing: Promise<void> | undefined;
  const call = <T>(what: string, run: () => Promise<T>): Promise<T> =>
    // Once closed, a call would open the connection again: refused instead.
    closing === undefined
      ? withTimeout(run(), timeoutMs, `redisStore.${what}`)
      : Promise.reject(closed('redisStore'));

  return {
    inbox: redisInbox(connection, keys, now, call),

    claim: (key, leaseMs, token) =>
      call('claim', async (): Promise<ClaimOutcome> => {
        const lease = positiveMs('redisStore', 'leaseMs', leaseMs, leaseMs);
        const at = Math.floor(now());
        const outcome = text(
          await runScript(connection, CLAIM, [keys.claim(key)], [at, at + lease, lease, token ?? '']),
        );
        if (outcome === undefined || !CLAIM_OUTCOMES.includes(outcome)) throw unexpected(outcome);
        return outcome as ClaimOutcome;
      }),

    extend: (key, token, leaseMs) =>
      call('extend', async () => {
        const lease = positiveMs('redisStore', 'leaseMs', leaseMs, leaseMs);
        const at = Math.floor(now());
        const args = [at, at + lease, lease, token];
        return Number(await runScript(connection, EXTEND_CLAIM, [keys.claim(key)], args)) === 1;
      }),

    complete: (key, ttlMs, token) =>
      call('complete', async () => {
        const ttl = positiveMs('redisStore', 'ttlMs', ttlMs, ttlMs);
        const args = [Math.floor(now()), ttl, token ?? ''];
        await runScript(connection, COMPLETE_CLAIM, [keys.claim(key)], args);
      }),

    release: (key, token) =>
      call('release', async () => {
        await runScript(connection, RELEASE_CLAIM, [keys.claim(key)], [token ?? '']);
      }),

    recordStatus: (update) =>
      call('recordStatus', async () => {
        const { change, recipient, sender } = splitUpdate(update);
        const reply = list(
          await runScript(
            connection,
            RECORD_STATUS,
            [keys.message(update.provider, update.messageId)],
            [
              change.status,
              escapeText(change.providerStatus),
              escapeText(change.eventId),
              // JSON.stringify writes lone surrogates and NUL as \u escapes: stored as it is.
              JSON.stringify(change),
              shared.messageTtlMs,
              recipient === undefined ? '0' : '1',
              escapeText(recipient ?? ''),
              sender === undefined ? '0' : '1',
              escapeText(sender ?? ''),
            ],
          ),
        );
        const record = readMessage(update.provider, update.messageId, list(reply[1]));
        if (record === undefined) throw unexpected(reply[1]);
        return { superseded: reply[0] === 1, record };
      }),

    getMessage: (provider, messageId) =>
      call('getMessage', async () =>
        readMessage(
          provider,
          messageId,
          list(await connection.send(['HMGET', keys.message(provider, messageId), ...MESSAGE_FIELDS])),
        ),
      ),

    saveConversation: (record) =>
      call('saveConversation', async () => {
        const ttl = conversationTtlMs(record, now(), shared.conversationTtlMs);
        const index = record.user === undefined ? [] : [keys.userConversations(record.provider, record.user)];
        await runScript(
          connection,
          SAVE_CONVERSATION,
          [keys.conversation(record.provider, record.conversationId), ...index],
          [JSON.stringify(record), ttl, escapeText(record.conversationId), record.startsAt ?? 0],
        );
      }),

    getConversation: (provider, conversationId) =>
      call('getConversation', async () => {
        const stored = text(await connection.send(['GET', keys.conversation(provider, conversationId)]));
        return stored === undefined ? undefined : (JSON.parse(stored) as ConversationRecord);
      }),

    findConversation: (query) =>
      call('findConversation', async () => {
        const reply = await runScript(
          connection,
          USER_CONVERSATIONS,
          [keys.userConversations(query.provider, query.user)],
          [keys.conversationPrefix(query.provider)],
        );
        const records = list(reply).map((item) => JSON.parse(text(item) ?? 'null') as ConversationRecord);
        return pickOpenConversation(records, query, now());
      }),

    recordActivity: (activity, window) =>
      call('recordActivity', () => recordActivity(connection, keys, now(), activity, window)),

    startConversation: (record) =>
      call('startConversation', () =>
        startConversation(
          connection,
          keys,
          record,
          conversationTtlMs(record, now(), shared.conversationTtlMs),
        ),
      ),

    ready: () =>
      call('ready', async () => {
        await connection.send(['PING']);
      }),

    close: () => {
      closing ??= connection.close();
      return closing;
    },
  };
}
