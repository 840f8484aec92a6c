import { BoundedMap } from './bounded-map.js';
import { memoryInbox } from './memory-inbox.js';
import { memoryMessages } from './memory-messages.js';
import {
  ACTIVITY_MESSAGE_LIMIT,
  type ActivityEntry,
  type ClaimOutcome,
  type ConversationQuery,
  type ConversationRecord,
  type ConversationStore,
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

/**
 * A claim in one number (a boxed double, 16 bytes, where an object per claim cost 56 more): its
 * expiry, negated while it is a lease. A done key's expiry is the end of its idempotency TTL.
 */
type Claim = number;
const leaseUntil = (until: number): Claim => -until;
const doneUntil = (expiresAt: number): Claim => expiresAt;
const isLease = (claim: Claim) => claim < 0;
const claimExpiry = (claim: Claim) => Math.abs(claim);

interface StoredConversation {
  record: ConversationRecord;
  expiresAt: number;
}

/** One user's derivation state: messages by id, and the conversations `startConversation` saved. */
interface Activity {
  messages: Map<string, ActivityEntry>;
  started: ConversationRecord[];
  expiresAt: number;
}

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
  const conversations = new BoundedMap<StoredConversation>(maxEntries, now, (stored) => stored.expiresAt);
  const activity = new BoundedMap<Activity>(maxEntries, now, (stored) => stored.expiresAt);
  warnOnceInProduction();

  const saveConversation = (record: ConversationRecord) => {
    const ttl =
      record.endsAt === undefined
        ? conversationTtlMs
        : Math.max(record.endsAt - now(), 0) + conversationTtlMs;
    conversations.set(`${record.provider}\u0000${record.conversationId}`, { record, expiresAt: now() + ttl });
    return ttl;
  };

  return {
    inbox: memoryInbox(maxEntries, now),

    async claim(key, leaseMs): Promise<ClaimOutcome> {
      // get() drops an expired lease (its expiry is its end), so a lease found here is still held.
      const claim = claims.get(key);
      if (claim !== undefined) return isLease(claim) ? 'in_progress' : 'duplicate';
      claims.set(key, leaseUntil(now() + leaseMs));
      return 'claimed';
    },

    async complete(key, ttlMs) {
      claims.set(key, doneUntil(now() + ttlMs));
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
      saveConversation(record);
    },

    async getConversation(provider, conversationId) {
      return conversations.get(`${provider}\u0000${conversationId}`)?.record;
    },

    async findConversation(query: ConversationQuery) {
      const at = query.at === undefined ? now() : +query.at;
      let found: ConversationRecord | undefined;
      for (const { record } of conversations.values()) {
        if (record.provider !== query.provider || record.user !== query.user) continue;
        if (query.agent !== undefined && record.agent !== query.agent) continue;
        if (record.startsAt !== undefined && at < record.startsAt) continue;
        if (record.endsAt !== undefined && at >= record.endsAt) continue;
        if (found === undefined || (record.startsAt ?? 0) > (found.startsAt ?? 0)) found = record;
      }
      return found;
    },

    async recordActivity(entry, window) {
      const key = `${entry.provider}\u0000${entry.user}`;
      const cutoff = now() - window.ttlMs;
      const current = activity.get(key) ?? { messages: new Map(), started: [], expiresAt: 0 };
      const { provider: _provider, user: _user, ...incoming } = entry;
      const previous = current.messages.get(entry.messageId);
      const merged: ActivityEntry = { ...incoming, at: Math.min(incoming.at, previous?.at ?? incoming.at) };
      const agent = previous?.agent ?? incoming.agent;
      if (agent === undefined) delete merged.agent;
      else merged.agent = agent;
      const kept = [...current.messages.values()]
        .filter((item) => item.messageId !== entry.messageId && item.at >= cutoff)
        .sort((a, b) => b.at - a.at)
        .slice(0, ACTIVITY_MESSAGE_LIMIT - 1);
      const ttl = Math.max(window.ttlMs, current.expiresAt - now());
      const next: Activity = {
        messages: new Map([merged, ...kept].map((item) => [item.messageId, item])),
        started: current.started.filter((record) => (record.endsAt ?? Infinity) >= cutoff),
        expiresAt: now() + ttl,
      };
      activity.set(key, next);
      const inWindow = (item: ActivityEntry) => item.at >= window.from && item.at <= window.to;
      const overlapping = [...conversations.values()]
        .map(({ record }) => record)
        .filter(
          (record) =>
            record.provider === entry.provider &&
            record.user === entry.user &&
            (record.startsAt ?? -Infinity) <= window.to &&
            (record.endsAt ?? Infinity) >= window.from,
        );
      return {
        messages: [...next.messages.values()].filter(inWindow).map((item) => ({ ...item })),
        conversations: overlapping,
      };
    },

    async startConversation(record) {
      const { user, startsAt: start, endsAt: end } = record;
      if (user === undefined || start === undefined || end === undefined) {
        throw new TypeError('rcs-webhooks: startConversation needs a record with user, startsAt and endsAt');
      }
      const key = `${record.provider}\u0000${user}`;
      const current = activity.get(key) ?? { messages: new Map(), started: [], expiresAt: 0 };
      const taken = current.started.some(
        (other) =>
          (other.agent === undefined || record.agent === undefined || other.agent === record.agent) &&
          (other.startsAt ?? -Infinity) < end &&
          (other.endsAt ?? Infinity) > start,
      );
      if (taken) return false;
      // The user's activity is kept as long as it was, and at least as long as the conversation.
      const ttl = Math.max(saveConversation(record), current.expiresAt - now());
      activity.set(key, { ...current, started: [...current.started, record], expiresAt: now() + ttl });
      return true;
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
