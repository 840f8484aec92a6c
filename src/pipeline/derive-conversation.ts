import { createHash } from 'node:crypto';
import type { ConversationStartedEvent, DeliveryEvent, InboundEvent } from '../events/types.js';
import type {
  ActivityEntry,
  ConversationActivity,
  ConversationRecord,
  ConversationStore,
  ConversationTimeline,
} from '../store/types.js';
import { compact } from '../util/object.js';

/**
 * Derived RCS conversation sessions, for providers that report none (the rules Infobip documents
 * for its CONVERSATION_STARTED event):
 * - A2P: the user replies within 24 h of a business message;
 * - P2A: the business replies within 24 h of an unsolicited user message (one outside any session
 *   that answers no business message);
 * - the session lasts 24 h from the reply; a message inside a session opens no other.
 *
 * Every judgement uses the provider's times, never arrival order: each message is recorded at its
 * earliest reported time, and the user's timeline around it is replayed in time order, on top of
 * the sessions already stored (which are never revised). A late report therefore never turns an
 * older message into a "reply"; when it completes a pair whose reply was already handled (the
 * business message reported after the user's answer), the session is derived then, once.
 */
export const SESSION_MS = 24 * 60 * 60 * 1000;
/** Messages older than this (provider time vs. the clock) are not judged: their timeline is gone. */
const LATEST_JUDGED_MS = SESSION_MS;
/** How long a user's activity is kept: the replay window (2 days back) plus the lateness above. */
export const ACTIVITY_TTL_MS = 4 * SESSION_MS;

/** One message of a conversation: who the user and the agent are, which side sent it, and when. */
export type ConversationMessage = Omit<ConversationActivity, 'provider'>;

interface Session {
  record: ConversationRecord;
  start: number;
  end: number;
  /** Already in the store (reported, or derived earlier), as opposed to found by this replay. */
  stored: boolean;
}

export interface Replay {
  /** The message's time as recorded (its earliest report). */
  at: number;
  /** The derived session this message opens (its reply) or completes (what it answers). */
  involved?: Session;
  /** The stored session open at the message's time. */
  open?: ConversationRecord;
}

/** Replays the user's timeline in time order; `undefined` when the agent is ambiguous. */
export function replay(
  provider: string,
  message: ConversationMessage,
  timeline: ConversationTimeline,
): Replay | undefined {
  const self = timeline.messages.find((entry) => entry.messageId === message.messageId);
  const at = self?.at ?? message.at;
  const agent = self?.agent ?? message.agent ?? soleAgent(timeline);
  if (agent === null) return undefined;
  const fits = (other: string | undefined) => other === undefined || agent === undefined || other === agent;

  const messages = timeline.messages.filter((entry) => fits(entry.agent)).sort(inTimeOrder);
  const sessions: Session[] = timeline.conversations
    .filter((record) => fits(record.agent))
    .map((record) => ({
      record,
      start: record.startsAt ?? -Infinity,
      end: record.endsAt ?? Infinity,
      stored: true,
    }));
  const unsolicited: ActivityEntry[] = [];
  const within = (entry: ActivityEntry, time: number) => entry.at < time && entry.at >= time - SESSION_MS;

  for (const entry of messages) {
    if (sessions.some((session) => session.start <= entry.at && entry.at < session.end)) continue;
    const prompts =
      entry.direction === 'user'
        ? messages.filter((other) => other.direction === 'business' && within(other, entry.at))
        : unsolicited.filter((other) => within(other, entry.at));
    if (prompts.length === 0) {
      if (entry.direction === 'user') unsolicited.push(entry);
      continue;
    }
    const start = entry.at;
    const end = start + SESSION_MS;
    if (sessions.some((session) => session.start < end && session.end > start)) continue;
    const sessionAgent = entry.agent ?? agent ?? prompts.findLast((prompt) => prompt.agent)?.agent;
    const record: ConversationRecord = compact({
      provider,
      conversationId: derivedId(provider, message.user, entry.messageId),
      type: entry.direction === 'user' ? 'A2P' : 'P2A',
      startsAt: start,
      endsAt: end,
      messageId: entry.messageId,
      agent: sessionAgent,
      user: message.user,
      derived: true,
    } as const);
    sessions.push({ record, start, end, stored: false });
  }

  const derived = sessions.filter((session) => session.record.derived);
  const answered = message.direction === 'business' ? 'A2P' : 'P2A';
  const isPrompt =
    message.direction === 'business' || unsolicited.some((entry) => entry.messageId === message.messageId);
  const involved =
    derived.find((session) => session.record.messageId === message.messageId) ??
    derived
      .filter(
        (session) =>
          isPrompt &&
          session.record.type === answered &&
          session.start > at &&
          session.start - SESSION_MS <= at,
      )
      .sort((a, b) => a.start - b.start)[0];
  const open = sessions.find((session) => session.stored && session.start <= at && at < session.end)?.record;
  return compact({ at, involved, open });
}

/**
 * Records the message, replays its timeline and starts the session it opens or completes (atomic
 * in the store: of two instances deriving overlapping sessions, one wins). `started` is the
 * session to emit after the message (again when the message is redelivered: its claim dedupes it).
 */
export async function deriveConversation(
  store: Required<Pick<ConversationStore, 'recordActivity' | 'startConversation'>>,
  provider: string,
  message: ConversationMessage,
  now: number,
): Promise<{ open?: ConversationRecord; started?: ConversationRecord } | undefined> {
  if (message.at < now - LATEST_JUDGED_MS) return undefined;
  const timeline = await store.recordActivity(
    { provider, ...message },
    { from: message.at - 2 * SESSION_MS, to: message.at + SESSION_MS, ttlMs: ACTIVITY_TTL_MS },
  );
  const result = replay(provider, message, timeline);
  if (result === undefined) return {};
  const { involved, at } = result;
  let { open } = result;
  if (involved === undefined || (!involved.stored && !(await store.startConversation(involved.record)))) {
    return compact({ open });
  }
  if (open === undefined && involved.start <= at && at < involved.end) open = involved.record;
  return compact({ open, started: involved.record });
}

/** The derived `conversationStarted`, emitted after `trigger` (whose `raw` it carries). */
export function derivedEvent(
  trigger: DeliveryEvent | InboundEvent,
  record: ConversationRecord,
): ConversationStartedEvent {
  const startsAt = new Date(record.startsAt as number);
  // `provider` and `raw` both come from the trigger, so they belong to the same provider.
  return compact({
    kind: 'conversationStarted',
    id: `conversationStarted:derived:${record.conversationId}`,
    provider: trigger.provider,
    receivedAt: trigger.receivedAt,
    occurredAt: startsAt,
    raw: trigger.raw,
    conversationId: record.conversationId,
    type: record.type,
    startsAt,
    endsAt: new Date(record.endsAt as number),
    messageId: record.messageId,
    derived: true,
  }) as ConversationStartedEvent;
}

/** The one agent of the user's timeline; `undefined` with none, `null` with several. */
function soleAgent(timeline: ConversationTimeline): string | undefined | null {
  const agents = new Set(
    [...timeline.messages, ...timeline.conversations].flatMap((item) =>
      item.agent === undefined ? [] : [item.agent],
    ),
  );
  if (agents.size > 1) return null;
  return agents.values().next().value;
}

function inTimeOrder(a: ActivityEntry, b: ActivityEntry): number {
  if (a.at !== b.at) return a.at - b.at;
  if (a.direction !== b.direction) return a.direction === 'business' ? -1 : 1;
  return a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0;
}

/**
 * Deterministic: the same session, derived by any instance, has the same id. A message opens at most
 * one session, so the answer's id names it, whatever the arrival times (Twilio's reports carry no
 * time of their own: its messages are timed on arrival) and whatever agent an instance inferred.
 */
function derivedId(provider: string, user: string, answer: string): string {
  return createHash('sha256')
    .update(JSON.stringify([provider, user, answer]))
    .digest('hex')
    .slice(0, 32);
}
