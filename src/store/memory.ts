import { BoundedMap } from './bounded-map.js';
import { isSuperseded } from './status-order.js';
import type {
  ClaimOutcome,
  ConversationQuery,
  ConversationRecord,
  ConversationStore,
  MessageRecord,
  StatusUpdate,
} from './types.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface MemoryStoreOptions {
  /** Cap on each kind of entry (claims, messages, conversations). Default 100,000. */
  maxEntries?: number;
  /** How long message status is kept after its last report. Default 7 days. */
  messageTtlMs?: number;
  /** How long a conversation is kept after it ends (or after it was saved, when it has no end). Default 2 days. */
  conversationTtlMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

type Claim = { state: 'leased'; until: number } | { state: 'done' };

let warnedInProduction = false;

/**
 * The default store: state lives in this process only, bounded by `maxEntries` and TTLs.
 * With several instances behind a load balancer use `redisStore` or `postgresStore` instead.
 */
export function memoryStore(options: MemoryStoreOptions = {}): ConversationStore {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 100_000;
  const messageTtlMs = options.messageTtlMs ?? 7 * DAY_MS;
  const conversationTtlMs = options.conversationTtlMs ?? 2 * DAY_MS;
  const claims = new BoundedMap<Claim>(maxEntries, now);
  const messages = new BoundedMap<MessageRecord>(maxEntries, now);
  const conversations = new BoundedMap<ConversationRecord>(maxEntries, now);
  warnOnceInProduction();

  return {
    async claim(key, leaseMs): Promise<ClaimOutcome> {
      const claim = claims.get(key);
      if (claim?.state === 'done') return 'duplicate';
      if (claim?.state === 'leased' && claim.until > now()) return 'in_progress';
      claims.set(key, { state: 'leased', until: now() + leaseMs }, leaseMs);
      return 'claimed';
    },

    async complete(key, ttlMs) {
      claims.set(key, { state: 'done' }, ttlMs);
    },

    async release(key) {
      claims.delete(key);
    },

    async recordStatus(update: StatusUpdate) {
      const key = `${update.provider}\u0000${update.messageId}`;
      const { provider, messageId, recipient, sender, ...change } = update;
      const existing = messages.get(key);
      if (existing === undefined) {
        const record: MessageRecord = {
          provider,
          messageId,
          status: change.status,
          providerStatus: change.providerStatus,
          history: [change],
        };
        if (recipient !== undefined) record.recipient = recipient;
        if (sender !== undefined) record.sender = sender;
        messages.set(key, record, messageTtlMs);
        return { superseded: false, record };
      }
      const seenBefore = existing.history.some((item) => item.eventId === change.eventId);
      const superseded = isSuperseded(existing.status, change.status);
      const record: MessageRecord = {
        ...existing,
        history: seenBefore ? existing.history : [...existing.history, change],
      };
      if (!superseded) {
        record.status = change.status;
        record.providerStatus = change.providerStatus;
      }
      if (record.recipient === undefined && recipient !== undefined) record.recipient = recipient;
      if (record.sender === undefined && sender !== undefined) record.sender = sender;
      messages.set(key, record, messageTtlMs);
      return { superseded, record };
    },

    async getMessage(provider, messageId) {
      return messages.get(`${provider}\u0000${messageId}`);
    },

    async saveConversation(record) {
      const ttl =
        record.endsAt === undefined
          ? conversationTtlMs
          : Math.max(record.endsAt - now(), 0) + conversationTtlMs;
      conversations.set(`${record.provider}\u0000${record.conversationId}`, record, ttl);
    },

    async getConversation(provider, conversationId) {
      return conversations.get(`${provider}\u0000${conversationId}`);
    },

    async findConversation(query: ConversationQuery) {
      const at = query.at === undefined ? now() : +query.at;
      let found: ConversationRecord | undefined;
      for (const record of conversations.values()) {
        if (record.provider !== query.provider || record.user !== query.user) continue;
        if (query.agent !== undefined && record.agent !== query.agent) continue;
        if (record.startsAt !== undefined && at < record.startsAt) continue;
        if (record.endsAt !== undefined && at >= record.endsAt) continue;
        if (found === undefined || (record.startsAt ?? 0) > (found.startsAt ?? 0)) found = record;
      }
      return found;
    },
  };
}

function warnOnceInProduction(): void {
  if (warnedInProduction || globalThis.process?.env?.NODE_ENV !== 'production') return;
  warnedInProduction = true;
  globalThis.process.emitWarning?.(
    'rcs-webhooks: memoryStore() keeps idempotency and conversation state in this process only. ' +
      'With several instances, use redisStore() or postgresStore() so retried webhooks are not handled twice.',
    { code: 'RCS_WEBHOOKS_MEMORY_STORE' },
  );
}
