import type { ConversationRecord, MessageRecord, StatusChange } from '../store/types.js';

// What `rcs.messages.get` and `rcs.conversations.*` return: the store's records with `Date`s, as
// events carry them. Stores keep epoch milliseconds (their contract); the core converts here.

/** One status report of a message. */
export interface TrackedStatus extends Omit<StatusChange, 'occurredAt' | 'receivedAt'> {
  /** When the provider says the status happened, when it said. */
  occurredAt?: Date;
  receivedAt: Date;
}

/** A message's most advanced status and every distinct report, in arrival order. */
export interface TrackedMessage extends Omit<MessageRecord, 'history'> {
  history: TrackedStatus[];
}

/** A conversation (session) reported by the provider or derived from message activity. */
export interface TrackedConversation extends Omit<ConversationRecord, 'startsAt' | 'endsAt'> {
  startsAt?: Date;
  endsAt?: Date;
}

export function trackedMessage(record: MessageRecord | undefined): TrackedMessage | undefined {
  if (record === undefined) return undefined;
  return { ...record, history: record.history.map(trackedStatus) };
}

function trackedStatus({ occurredAt, receivedAt, ...change }: StatusChange): TrackedStatus {
  return {
    ...change,
    ...(occurredAt === undefined ? {} : { occurredAt: new Date(occurredAt) }),
    receivedAt: new Date(receivedAt),
  };
}

export function trackedConversation(record: ConversationRecord | undefined): TrackedConversation | undefined {
  if (record === undefined) return undefined;
  const { startsAt, endsAt, ...rest } = record;
  return {
    ...rest,
    ...(startsAt === undefined ? {} : { startsAt: new Date(startsAt) }),
    ...(endsAt === undefined ? {} : { endsAt: new Date(endsAt) }),
  };
}
