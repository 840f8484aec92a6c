import { DELIVERY_STATUSES, type DeliveryStatus } from '../../src/events/types.js';
import type { MessageRecord, StatusChange, StatusUpdate } from '../../src/store/types.js';

/** Splits an update the way memoryStore does: the history entry is everything but the message's identity. */
export function splitUpdate(update: StatusUpdate): {
  change: StatusChange;
  recipient: string | undefined;
  sender: string | undefined;
} {
  const { provider: _provider, messageId: _messageId, recipient, sender, ...change } = update;
  return { change, recipient, sender };
}

export interface StoredMessage {
  status: string;
  providerStatus: string;
  recipient: string | null | undefined;
  sender: string | null | undefined;
  history: StatusChange[];
}

export function messageRecord(provider: string, messageId: string, stored: StoredMessage): MessageRecord {
  const record: MessageRecord = {
    provider,
    messageId,
    status: deliveryStatus(stored.status),
    providerStatus: stored.providerStatus,
    history: stored.history,
  };
  if (stored.recipient != null) record.recipient = stored.recipient;
  if (stored.sender != null) record.sender = stored.sender;
  return record;
}

function deliveryStatus(value: string): DeliveryStatus {
  if ((DELIVERY_STATUSES as readonly string[]).includes(value)) return value as DeliveryStatus;
  throw new Error(`rcs-webhooks: the store holds an unknown delivery status ${JSON.stringify(value)}`);
}
