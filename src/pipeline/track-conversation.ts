import type {
  ConversationStartedEvent,
  DeliveryEvent,
  DeliveryStatus,
  InboundEvent,
} from '../events/types.js';
import type { ConversationRecord, ConversationStore, MessageRecord } from '../store/types.js';
import { compact } from '../util/object.js';
import { type ConversationMessage, deriveConversation, derivedEvent } from './derive-conversation.js';
import type { PipelineState } from './state.js';

/** Reports that show a business message was sent: its time is the earliest of them. */
const SENT: ReadonlySet<DeliveryStatus> = new Set(['queued', 'sent', 'delivered']);

type MessageEvent = DeliveryEvent | InboundEvent;

/**
 * Conversations for a delivery or inbound event the pipeline claimed: derives the session it
 * opens (providers without reported sessions), attaches the open session's id to an event that
 * carries no `conversation` (never overwriting the provider's), and completes a reported session
 * with the user and agent of the events that carry its id. Returns the derived session to emit next.
 *
 * `at` is the message's time: for a delivery, its earliest report (a read report of an old message
 * belongs to the session the message was sent in, if any), else the event's own time.
 */
export async function trackConversation(
  state: PipelineState,
  event: MessageEvent,
  at: number,
): Promise<ConversationStartedEvent | undefined> {
  const side = participants(event);
  if (side === undefined) return undefined;
  const store = state.store;
  const deriving = derivingStore(state, event.provider);
  const reports = state.providers.get(event.provider)?.definition.reportsConversations === true;

  const message = deriving === undefined ? undefined : derivable(event, side, at);
  const derived =
    deriving === undefined || message === undefined
      ? undefined
      : await deriveConversation(deriving, event.provider, message, state.now());
  let open = derived?.open;
  if (derived === undefined && event.conversation === undefined && (deriving !== undefined || reports)) {
    open = await store.findConversation(
      compact({ provider: event.provider, user: side.user, agent: side.agent, at }),
    );
  }
  if (event.conversation === undefined && open !== undefined) {
    // Derived, not sent by the provider: only ever set on an event that carried no conversation.
    event.conversation = { id: open.conversationId };
  } else if (reports && event.conversation?.id !== undefined) {
    await completeReported(store, event.provider, event.conversation.id, side);
  }
  return derived?.started === undefined ? undefined : derivedEvent(event, derived.started);
}

/**
 * For a redelivered (duplicate) event: derives again, so a derived session whose handlers failed
 * the first time is emitted again (its own claim decides whether it still needs handling).
 */
export async function rederive(
  state: PipelineState,
  event: MessageEvent,
): Promise<ConversationStartedEvent | undefined> {
  const deriving = derivingStore(state, event.provider);
  const side = participants(event);
  if (deriving === undefined || side === undefined) return undefined;
  const message = derivable(event, side, (event.occurredAt ?? event.receivedAt).getTime());
  if (message === undefined) return undefined;
  const derived = await deriveConversation(deriving, event.provider, message, state.now());
  return derived?.started === undefined ? undefined : derivedEvent(event, derived.started);
}

/** A delivery's message time: its earliest report showing it sent, else its earliest report. */
export function messageTime(record: MessageRecord): number {
  const times = (changes: MessageRecord['history']) =>
    changes.map((change) => change.occurredAt ?? change.receivedAt);
  const sent = times(record.history.filter((change) => SENT.has(change.status)));
  return Math.min(...(sent.length > 0 ? sent : times(record.history)));
}

type DerivingStore = Required<Pick<ConversationStore, 'recordActivity' | 'startConversation'>>;

function derivingStore(state: PipelineState, provider: string): DerivingStore | undefined {
  return state.deriveConversations.has(provider) ? (state.store as DerivingStore) : undefined;
}

/** The end user and the agent of an RCS message event (SMS/MMS fallback legs are no part of a session). */
function participants(event: MessageEvent): { user: string; agent?: string } | undefined {
  if (event.kind === 'inbound') return compact({ user: event.from, agent: event.to });
  if (event.recipient === undefined || (event.channel !== undefined && event.channel !== 'rcs'))
    return undefined;
  return compact({ user: event.recipient, agent: event.sender });
}

/** Inbound messages and business messages reported sent count; reads, failures and unknowns do not. */
function derivable(
  event: MessageEvent,
  side: { user: string; agent?: string },
  at: number,
): ConversationMessage | undefined {
  if (event.kind === 'delivery' && !SENT.has(event.status)) return undefined;
  return compact({
    ...side,
    messageId: event.messageId,
    direction: event.kind === 'delivery' ? 'business' : 'user',
    at,
  } as const);
}

/** Fills in the user and agent of a reported session from an event that carries its id. */
async function completeReported(
  store: ConversationStore,
  provider: string,
  conversationId: string,
  side: { user: string; agent?: string },
): Promise<void> {
  const record = await store.getConversation(provider, conversationId);
  if (record === undefined || record.derived) return;
  if (record.user !== undefined && (record.agent !== undefined || side.agent === undefined)) return;
  const completed: ConversationRecord = compact({
    ...record,
    user: record.user ?? side.user,
    agent: record.agent ?? (record.user === undefined || record.user === side.user ? side.agent : undefined),
  });
  await store.saveConversation(completed);
}
