import type { DeliveryStatus } from '../../events/types.js';

// Messages API status callbacks (developer.vonage.com messages/concepts/messages-status-callbacks).
const STATUSES = new Map<string, DeliveryStatus>(
  Object.entries({
    // "Messages API has passed a message on to a messaging provider": handed on, not yet delivered.
    submitted: 'sent',
    delivered: 'delivered',
    read: 'read',
    // Rejected by Vonage or the provider (invalid parameters, unsupported media, TTL expired before
    // delivery): `error` says which; without a reliable marker an expiry is not told apart.
    rejected: 'failed',
    // "Messages API was unable to connect to the messaging provider".
    undeliverable: 'failed',
  } satisfies Record<string, DeliveryStatus>),
);

export function vonageStatus(status: string): DeliveryStatus {
  return STATUSES.get(status.toLowerCase()) ?? 'unknown';
}
