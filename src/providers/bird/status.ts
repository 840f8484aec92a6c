import type { DeliveryStatus } from '../../events/types.js';

// Channels API message statuses. Documented (docs.bird.com message-status pages): accepted, sent,
// sending_failed, delivery_failed, delivered. Believed to exist but unconfirmed: processing,
// scheduled. From the legacy MessageBird status enum (Go SDK), in case Bird reuses them: pending,
// rejected, failed, expired, read. Anything else (skipped, deleted, new values) is `unknown`.
// RCS read receipts arrive as `read` interactions, not as a status.
const STATUSES = new Map<string, DeliveryStatus>([
  ['accepted', 'queued'],
  ['processing', 'queued'],
  ['scheduled', 'queued'],
  ['pending', 'queued'],
  ['sent', 'sent'],
  ['delivered', 'delivered'],
  ['read', 'read'],
  ['sending_failed', 'failed'],
  ['delivery_failed', 'failed'],
  ['rejected', 'failed'],
  ['failed', 'failed'],
  ['expired', 'expired'],
]);

export function birdStatus(value: string): DeliveryStatus {
  return STATUSES.get(value.toLowerCase()) ?? 'unknown';
}
