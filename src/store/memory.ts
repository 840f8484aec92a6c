import { BoundedMap } from './bounded-map.js';
import { EvictionReport } from './eviction-report.js';
import { memoryActivity } from './memory-activity.js';
import { memoryConversations } from './memory-conversations.js';
import { memoryInbox } from './memory-inbox.js';
import { memoryMessages } from './memory-messages.js';
import type { ClaimOutcome, ConversationQuery, ConversationRecord, ConversationStore } from './types.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface MemoryStoreOptions {
  /**
   * Cap on each kind of entry (claims, messages, conversations). Default 100,000. One claim is kept
   * per handled event for `idempotency.ttlMs` (7 days): 100,000 / 7 ≈ 14,285 events a day. Past
   * that, the oldest claims are evicted before their TTL (reported to `onError` as `claim_evicted`).
   */
  maxEntries?: number;
  /** How long message status is kept after its last report. Default 7 days. */
  messageTtlMs?: number;
  /** How long a conversation is kept after it ends (or after it was saved, when it has no end). Default 2 days. */
  conversationTtlMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/**
 * A done claim is one number (a boxed double, 16 bytes, where an object per claim cost 56 more):
 * the end of its idempotency TTL. A lease, held only while handlers run, is an object with its end
 * and its holder's token.
 */
interface Lease {
  until: number;
  token: string | undefined;
}
type Claim = number | Lease;
const claimExpiry = (claim: Claim) => (typeof claim === 'number' ? claim : claim.until);
/** The lease on a claim, when it is one that `token` holds (any lease when no token is given). */
const heldLease = (claim: Claim | undefined, token: string | undefined) =>
  typeof claim === 'object' && (token === undefined || claim.token === token) ? claim : undefined;

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
  const evictions = new EvictionReport(maxEntries, now);
  // Told of expired claims too: only one dropped before its expiry (the cap) is an eviction to report.
  const claims = new BoundedMap<Claim>(maxEntries, now, claimExpiry, (_key, claim) => {
    if (claimExpiry(claim) > now()) evictions.evicted();
  });
  const messages = memoryMessages(maxEntries, now, messageTtlMs);
  const conversations = memoryConversations(maxEntries, now, conversationTtlMs);
  const activity = memoryActivity(maxEntries, now, conversations);
  warnOnceInProduction();

  return {
    inbox: memoryInbox(maxEntries, now),

    async claim(key, leaseMs, token): Promise<ClaimOutcome> {
      // get() drops an expired lease (its expiry is its end), so a lease found here is still held.
      const claim = claims.get(key);
      if (claim !== undefined) return typeof claim === 'number' ? 'duplicate' : 'in_progress';
      claims.put(key, { until: now() + leaseMs, token });
      return 'claimed';
    },

    async extend(key, token, leaseMs) {
      const lease = heldLease(claims.get(key), token);
      if (lease === undefined) return false;
      lease.until = now() + leaseMs;
      return true;
    },

    async complete(key, ttlMs, token) {
      const claim = claims.get(key);
      if (token !== undefined && typeof claim === 'object' && claim.token !== token) return;
      // In place: a completed key keeps its claim's position in the eviction order.
      claims.put(key, now() + ttlMs);
    },

    async release(key, token) {
      if (token === undefined || heldLease(claims.get(key), token) !== undefined) claims.delete(key);
    },

    reportErrorsTo(report) {
      evictions.addReporter(report);
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
