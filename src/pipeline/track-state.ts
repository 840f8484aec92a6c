import type { ConversationStartedEvent, RcsEvent } from '../events/types.js';
import type { ConversationRecord, ConversationStore } from '../store/types.js';
import { compact } from '../util/object.js';
import type { PipelineState } from './state.js';
import { messageTime, trackConversation } from './track-conversation.js';

/**
 * Keeps the store's view of messages and conversations current, marks out-of-order delivery
 * reports as `superseded` (they are still emitted so handlers can decide) and attaches sessions
 * to messages. Returns the derived `conversationStarted` to emit after `event`, if it opened one.
 */
export async function trackState(
  state: PipelineState,
  event: RcsEvent,
): Promise<ConversationStartedEvent | undefined> {
  const { store } = state;
  if (event.kind === 'delivery') {
    const { superseded, record } = await store.recordStatus(
      compact({
        provider: event.provider,
        messageId: event.messageId,
        status: event.status,
        providerStatus: event.providerStatus,
        eventId: event.id,
        occurredAt: event.occurredAt?.getTime(),
        receivedAt: event.receivedAt.getTime(),
        recipient: event.recipient,
        sender: event.sender,
      }),
    );
    if (superseded) event.superseded = true;
    return trackConversation(state, event, messageTime(record));
  }
  if (event.kind === 'inbound') {
    return trackConversation(state, event, (event.occurredAt ?? event.receivedAt).getTime());
  }
  // A derived session was saved when it was derived.
  if (event.kind === 'conversationStarted' && !event.derived) await saveReported(store, event);
  return undefined;
}

/** A reported session, with the user and agent of the message that opened it when the store knows it. */
async function saveReported(store: ConversationStore, event: ConversationStartedEvent): Promise<void> {
  const message =
    event.messageId === undefined ? undefined : await store.getMessage(event.provider, event.messageId);
  // Saved again (a retry after a handler failure): keep what later events told about its user.
  const previous =
    message?.recipient === undefined
      ? await store.getConversation(event.provider, event.conversationId)
      : undefined;
  const record: ConversationRecord = compact({
    provider: event.provider,
    conversationId: event.conversationId,
    type: event.type,
    trafficType: event.trafficType,
    startsAt: event.startsAt?.getTime(),
    endsAt: event.endsAt?.getTime(),
    messageId: event.messageId,
    agent: message?.sender ?? previous?.agent,
    user: message?.recipient ?? previous?.user,
    derived: event.derived,
  });
  await store.saveConversation(record);
}
