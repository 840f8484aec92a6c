import type { DeliveryStatus } from '../../events/types.js';

// Twilio's MessageStatus values (twilio-node `MessageStatus`; "Outbound message status in status
// callbacks"). `sending` has not reached a carrier yet, so it is still queued. `canceled` (a scheduled
// message canceled before sending) is final and never delivered: failed, without an error.
// `partially_delivered` (group messages) and the inbound statuses `receiving`/`received` say nothing
// about one outbound message's delivery: unknown, with the value kept in `providerStatus`.
const STATUSES = new Map<string, DeliveryStatus>(
  Object.entries({
    accepted: 'queued',
    scheduled: 'queued',
    queued: 'queued',
    sending: 'queued',
    sent: 'sent',
    delivered: 'delivered',
    read: 'read',
    undelivered: 'failed',
    failed: 'failed',
    canceled: 'failed',
    partially_delivered: 'unknown',
    receiving: 'unknown',
    received: 'unknown',
  }) as [string, DeliveryStatus][],
);

export function twilioStatus(messageStatus: string): DeliveryStatus {
  return STATUSES.get(messageStatus.toLowerCase()) ?? 'unknown';
}
