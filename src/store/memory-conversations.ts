import { BoundedMap } from './bounded-map.js';
import type { ConversationRecord } from './types.js';

interface StoredConversation {
  record: ConversationRecord;
  expiresAt: number;
}

export interface MemoryConversations {
  /** Saves (or replaces) a conversation; returns how long it is kept. */
  save(record: ConversationRecord): number;
  get(provider: string, conversationId: string): ConversationRecord | undefined;
  /** The user's live conversations with that provider, oldest write first. */
  ofUser(provider: string, user: string): ConversationRecord[];
}

/**
 * The memory store's conversations, by id and (through an index kept in step with every save,
 * expiry and eviction) by provider and user, so finding a user's sessions costs what that user
 * has, not a scan of every stored conversation.
 */
export function memoryConversations(
  maxEntries: number,
  now: () => number,
  conversationTtlMs: number,
): MemoryConversations {
  // provider + user → keys of that user's conversations, in the order they were last written.
  const byUser = new Map<string, Set<string>>();
  const unindex = (key: string, record: ConversationRecord) => {
    if (record.user === undefined) return;
    const userKey = userKeyOf(record.provider, record.user);
    const keys = byUser.get(userKey);
    keys?.delete(key);
    if (keys?.size === 0) byUser.delete(userKey);
  };
  const conversations = new BoundedMap<StoredConversation>(
    maxEntries,
    now,
    (stored) => stored.expiresAt,
    (key, stored) => unindex(key, stored.record),
  );

  return {
    save(record) {
      const ttl =
        record.endsAt === undefined
          ? conversationTtlMs
          : Math.max(record.endsAt - now(), 0) + conversationTtlMs;
      const key = `${record.provider}\u0000${record.conversationId}`;
      const previous = conversations.get(key);
      if (previous !== undefined) unindex(key, previous.record);
      // Indexed before it is stored: should storing it evict it at once, eviction unindexes it.
      if (record.user !== undefined) {
        const userKey = userKeyOf(record.provider, record.user);
        const keys = byUser.get(userKey);
        if (keys === undefined) byUser.set(userKey, new Set([key]));
        else keys.add(key);
      }
      conversations.set(key, { record, expiresAt: now() + ttl });
      return ttl;
    },

    get(provider, conversationId) {
      return conversations.get(`${provider}\u0000${conversationId}`)?.record;
    },

    ofUser(provider, user) {
      const records: ConversationRecord[] = [];
      // get() unindexes what has expired, which this loop then no longer visits.
      for (const key of byUser.get(userKeyOf(provider, user)) ?? []) {
        const record = conversations.get(key)?.record;
        // The key would be ambiguous only if a provider name held the separator: check anyway.
        if (record !== undefined && record.provider === provider && record.user === user)
          records.push(record);
      }
      return records;
    },
  };
}

export const userKeyOf = (provider: string, user: string) => `${provider}\u0000${user}`;
