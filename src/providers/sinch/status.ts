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

// FAILED reports whose `reason.code` says something other than "not delivered". Descriptions from the
// Conversation API's error code list (https://developers.sinch.com/docs/conversation/callbacks, "Error
// Codes"); every other code stays `failed`, with the code in `error.code`.
const FAILED_BY_REASON = new Map<string, DeliveryStatus>([
  // The message's own time to live ran out.
  ['MESSAGE_EXPIRED', 'expired'],
  // "The message or event delivery failed due to a channel-imposed timeout": not delivered in time.
  ['DELIVERY_TIMED_OUT', 'expired'],
  // No delivery report arrived in time (sinch-sdk-node ReasonCode, not in the doc's list): the message
  // may well have been delivered, so this says nothing either way.
  ['DELIVERY_REPORT_TIME_OUT', 'unknown'],
]);

/** `status`, refined by `reason.code` when it is FAILED; any value Sinch adds later is `unknown`. */
export function sinchStatus(status: string, reasonCode: string | null | undefined): DeliveryStatus {
  const upper = status.toUpperCase();
  if (upper === 'FAILED') return FAILED_BY_REASON.get(reasonCode?.toUpperCase() ?? '') ?? 'failed';
  return STATUSES.get(upper) ?? 'unknown';
}

// Whether sending the same message again, unchanged, fails the same way (Infobip's definition of
// `permanent`), where the documented meaning of the code says so. Codes absent here leave it unset:
// "not reachable", channel failures, policy rejections and internal errors may or may not recur.
const PERMANENT = new Map<string, boolean>([
  // "The message or event wasn't sent due to rate limiting."
  ['RATE_LIMITED', false],
  // "The channel recipient identity was malformed."
  ['RECIPIENT_INVALID_CHANNEL_IDENTITY', true],
  ['MEDIA_TYPE_UNSUPPORTED', true],
  ['MEDIA_TOO_LARGE', true],
  ['TEMPLATE_NOT_FOUND', true],
  ['TEMPLATE_INSUFFICIENT_PARAMETERS', true],
  ['TEMPLATE_NON_EXISTING_LANGUAGE_OR_VERSION', true],
  // The send request failed Sinch's second, channel-specific validation.
  ['BAD_REQUEST', true],
  // "Generic error for channel permanently rejecting a message."
  ['CHANNEL_REJECT', true],
]);

export function sinchPermanent(reasonCode: string | undefined): boolean | undefined {
  return reasonCode === undefined ? undefined : PERMANENT.get(reasonCode.toUpperCase());
}
