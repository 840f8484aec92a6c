import type {
  ActivityDirection,
  ActivityEntry,
  ActivityWindow,
  ConversationActivity,
  ConversationRecord,
  ConversationTimeline,
} from '../../src/store/types.js';

/** How a direction is stored: one letter. */
export const DIRECTION_CODE: Record<ActivityDirection, string> = { business: 'b', user: 'u' };

export function directionOf(code: string): ActivityDirection {
  if (code === 'b') return 'business';
  if (code === 'u') return 'user';
  throw new Error(`rcs-webhooks: the store holds an unknown message direction ${JSON.stringify(code)}`);
}

export function activityEntry(
  messageId: string,
  direction: ActivityDirection,
  at: number,
  agent: string | null | undefined,
): ActivityEntry {
  const entry: ActivityEntry = { messageId, direction, at };
  if (agent != null) entry.agent = agent;
  return entry;
}

/**
 * memoryStore's answer from what a backend read: the messages in the window, and the user's
 * conversations overlapping it (backends may hand over more; this filters them the same way).
 */
export function toTimeline(
  activity: ConversationActivity,
  window: ActivityWindow,
  messages: Iterable<ActivityEntry>,
  records: Iterable<ConversationRecord>,
): ConversationTimeline {
  return {
    messages: [...messages].filter((entry) => entry.at >= window.from && entry.at <= window.to),
    conversations: [...records].filter(
      (record) =>
        record.provider === activity.provider &&
        record.user === activity.user &&
        (record.startsAt ?? -Infinity) <= window.to &&
        (record.endsAt ?? Infinity) >= window.from,
    ),
  };
}

/** A derived conversation as `startConversation` needs it: a user and a whole window. */
export function startedWindow(record: ConversationRecord): { user: string; start: number; end: number } {
  if (record.user === undefined || record.startsAt === undefined || record.endsAt === undefined) {
    throw new TypeError('rcs-webhooks: startConversation needs a record with user, startsAt and endsAt');
  }
  return { user: record.user, start: record.startsAt, end: record.endsAt };
}
