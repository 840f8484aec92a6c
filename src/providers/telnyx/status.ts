import type { DeliveryStatus } from '../../events/types.js';

// `to[].status` values (Telnyx RCS webhook page, "Delivery statuses"; `expired` and `read` from
// telnyx-node and the RCS read receipt). Documented flow: queued → sending → sent → delivered → read,
// with sending_failed, delivery_failed and delivery_unconfirmed as terminal branches.
const STATUSES = new Map<string, DeliveryStatus>(
  Object.entries({
    queued: 'queued',
    // Still at Telnyx, on its way to the upstream provider: not yet sent.
    sending: 'queued',
    sent: 'sent',
    delivered: 'delivered',
    read: 'read',
    sending_failed: 'failed',
    delivery_failed: 'failed',
    // Telnyx: "no indication whether or not the message has reached the receiver".
    delivery_unconfirmed: 'unknown',
    // The message stayed queued past `valid_until` and was discarded.
    expired: 'expired',
  } satisfies Record<string, DeliveryStatus>),
);

export function telnyxStatus(status: string): DeliveryStatus {
  return STATUSES.get(status.toLowerCase()) ?? 'unknown';
}
