import type { DeliveryStatus } from '../../events/types.js';

// `message_delivery_report.status` (DeliveryStatus in sinch-sdk-node, an open enum).
const STATUSES = new Map<string, DeliveryStatus>([
  // "Submitted to the channel, awaiting delivery": the channel (RBM) has the message. For channels
  // without receipts (Telegram) it is the last positive status Sinch ever reports.
  ['QUEUED_ON_CHANNEL', 'sent'],
  ['DELIVERED', 'delivered'],
  ['READ', 'read'],
  ['FAILED', 'failed'],
  // This channel failed and Sinch is trying the next one in `channel_priority_order`: neither
  // progress nor a final failure (when none is left, FAILED with reason NO_CHANNELS_LEFT is
  // expected). `unknown` never replaces a status the store already holds.
  ['SWITCHING_CHANNEL', 'unknown'],
]);

/** FAILED with reason MESSAGE_EXPIRED is `expired`; any value Sinch adds later is `unknown`. */
export function sinchStatus(status: string, reasonCode: string | null | undefined): DeliveryStatus {
  const upper = status.toUpperCase();
  if (upper === 'FAILED' && reasonCode?.toUpperCase() === 'MESSAGE_EXPIRED') return 'expired';
  return STATUSES.get(upper) ?? 'unknown';
}
