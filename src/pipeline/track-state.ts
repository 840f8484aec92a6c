import type { RcsEvent } from '../events/types.js';
import type { ConversationRecord, ConversationStore } from '../store/types.js';
import { compact } from '../util/object.js';

/**
 * Keeps the store's view of messages and conversations current, and marks out-of-order delivery
 * reports as `superseded` (they are still emitted so handlers can decide).
 */
export async function trackState(store: ConversationStore, event: RcsEvent): Promise<void> {
  if (event.kind === 'delivery') {
    const { superseded } = await store.recordStatus(
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
    return;
  }
  if (event.kind === 'conversationStarted') {
    const message =
      event.messageId === undefined ? undefined : await store.getMessage(event.provider, event.messageId);
    const record: ConversationRecord = compact({
      provider: event.provider,
      conversationId: event.conversationId,
      type: event.type,
      trafficType: event.trafficType,
      startsAt: event.startsAt?.getTime(),
      endsAt: event.endsAt?.getTime(),
      messageId: event.messageId,
      agent: message?.sender,
      user: message?.recipient,
      derived: event.derived,
    });
    await store.saveConversation(record);
  }
}
