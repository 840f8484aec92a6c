import { BoundedMap } from './bounded-map.js';
import { memoryActivity } from './memory-activity.js';
import { memoryConversations } from './memory-conversations.js';
import { memoryInbox } from './memory-inbox.js';
import { memoryMessages } from './memory-messages.js';
import type { ClaimOutcome, ConversationQuery, ConversationRecord, ConversationStore } from './types.js';

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

/**
 * A claim in one number (a boxed double, 16 bytes, where an object per claim cost 56 more): its
 * expiry, negated while it is a lease. A done key's expiry is the end of its idempotency TTL.
 */
type Claim = number;
const leaseUntil = (until: number): Claim => -until;
const doneUntil = (expiresAt: number): Claim => expiresAt;
const isLease = (claim: Claim) => claim < 0;
const claimExpiry = (claim: Claim) => Math.abs(claim);

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
  const claims = new BoundedMap<Claim>(maxEntries, now, claimExpiry);
  const messages = memoryMessages(maxEntries, now, messageTtlMs);
  const conversations = memoryConversations(maxEntries, now, conversationTtlMs);
  const activity = memoryActivity(maxEntries, now, conversations);
  warnOnceInProduction();

  return {
    inbox: memoryInbox(maxEntries, now),

    async claim(key, leaseMs): Promise<ClaimOutcome> {
      // get() drops an expired lease (its expiry is its end), so a lease found here is still held.
      const claim = claims.get(key);
      if (claim !== undefined) return isLease(claim) ? 'in_progress' : 'duplicate';
      claims.put(key, leaseUntil(now() + leaseMs));
      return 'claimed';
    },

    async complete(key, ttlMs) {
      // In place: a completed key keeps its claim's position in the eviction order.
      claims.put(key, doneUntil(now() + ttlMs));
    },

    async release(key) {
      claims.delete(key);
    },

    async recordStatus(update) {
      return messages.record(update);
    },

    async getMessage(provider, messageId) {
      return messages.get(provider, messageId);
    },

    async saveConversation(record) {
      conversations.save(record);
    },

    async getConversation(provider, conversationId) {
      return conversations.get(provider, conversationId);
    },

    async findConversation(query: ConversationQuery) {
      const at = query.at === undefined ? now() : +query.at;
      let found: ConversationRecord | undefined;
      for (const record of conversations.ofUser(query.provider, query.user)) {
        if (query.agent !== undefined && record.agent !== query.agent) continue;
        if (record.startsAt !== undefined && at < record.startsAt) continue;
        if (record.endsAt !== undefined && at >= record.endsAt) continue;
        if (found === undefined || (record.startsAt ?? 0) > (found.startsAt ?? 0)) found = record;
      }
      return found;
    },

    async recordActivity(entry, window) {
      return activity.record(entry, window);
    },

    async startConversation(record) {
      return activity.start(record);
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
