import { BoundedMap } from './bounded-map.js';
import { type MemoryConversations, userKeyOf } from './memory-conversations.js';
import {
  ACTIVITY_MESSAGE_LIMIT,
  type ActivityEntry,
  type ActivityWindow,
  type ConversationActivity,
  type ConversationRecord,
  type ConversationTimeline,
} from './types.js';

/** One user's derivation state: messages by id, and the conversations `startConversation` saved. */
interface Activity {
  messages: Map<string, ActivityEntry>;
  started: ConversationRecord[];
  expiresAt: number;
}

export interface MemoryActivity {
  record(entry: ConversationActivity, window: ActivityWindow): ConversationTimeline;
  start(record: ConversationRecord): boolean;
}

/** Conversation derivation state, per provider and user (see ConversationStore.recordActivity). */
export function memoryActivity(
  maxEntries: number,
  now: () => number,
  conversations: MemoryConversations,
): MemoryActivity {
  const activity = new BoundedMap<Activity>(maxEntries, now, (stored) => stored.expiresAt);
  const current = (key: string): Activity =>
    activity.get(key) ?? { messages: new Map(), started: [], expiresAt: 0 };

  return {
    record(entry, window) {
      const key = userKeyOf(entry.provider, entry.user);
      const cutoff = now() - window.ttlMs;
      const user = current(key);
      const { provider: _provider, user: _user, ...incoming } = entry;
      const previous = user.messages.get(entry.messageId);
      const merged: ActivityEntry = { ...incoming, at: Math.min(incoming.at, previous?.at ?? incoming.at) };
      const agent = previous?.agent ?? incoming.agent;
      if (agent === undefined) delete merged.agent;
      else merged.agent = agent;
      const kept = [...user.messages.values()]
        .filter((item) => item.messageId !== entry.messageId && item.at >= cutoff)
        .sort((a, b) => b.at - a.at)
        .slice(0, ACTIVITY_MESSAGE_LIMIT - 1);
      const ttl = Math.max(window.ttlMs, user.expiresAt - now());
      const next: Activity = {
        messages: new Map([merged, ...kept].map((item) => [item.messageId, item])),
        started: user.started.filter((record) => (record.endsAt ?? Infinity) >= cutoff),
        expiresAt: now() + ttl,
      };
      activity.set(key, next);
      const inWindow = (item: ActivityEntry) => item.at >= window.from && item.at <= window.to;
      return {
        messages: [...next.messages.values()].filter(inWindow).map((item) => ({ ...item })),
        conversations: conversations
          .ofUser(entry.provider, entry.user)
          .filter(
            (record) =>
              (record.startsAt ?? -Infinity) <= window.to && (record.endsAt ?? Infinity) >= window.from,
          ),
      };
    },

    start(record) {
      const { user, startsAt: start, endsAt: end } = record;
      if (user === undefined || start === undefined || end === undefined) {
        throw new TypeError('rcs-webhooks: startConversation needs a record with user, startsAt and endsAt');
      }
      const key = userKeyOf(record.provider, user);
      const state = current(key);
      const taken = state.started.some(
        (other) =>
          (other.agent === undefined || record.agent === undefined || other.agent === record.agent) &&
          (other.startsAt ?? -Infinity) < end &&
          (other.endsAt ?? Infinity) > start,
      );
      if (taken) return false;
      // The user's activity is kept as long as it was, and at least as long as the conversation.
      const ttl = Math.max(conversations.save(record), state.expiresAt - now());
      activity.set(key, { ...state, started: [...state.started, record], expiresAt: now() + ttl });
      return true;
    },
  };
}
