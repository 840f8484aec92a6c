import type { DeliveryStatus } from '../../events/types.js';

// RCS codes, the only documented list (rcs-omnichannel send-message page): 40001 EX_MESSAGE_SENT,
// 40002 EX_MESSAGE_DELIVERED, 40003 EX_MESSAGE_SEEN, 40004 EX_SYSTEM_ERROR. SMS-fallback reports
// (`sms.messages[]`) carry Exotel's SMS detailed statuses
// (https://developer.exotel.com/docs/sms-api/api-reference/status-codes).
const BY_NAME: Record<string, DeliveryStatus> = {
  EX_MESSAGE_SENT: 'sent',
  EX_MESSAGE_DELIVERED: 'delivered',
  EX_MESSAGE_SEEN: 'read',
  // Not in the RCS list; Exotel's WhatsApp family has them. Kept out of the EX_* → failed rule.
  EX_MESSAGE_QUEUED: 'queued',
  EX_MESSAGE_ACCEPTED: 'queued',
  EX_MESSAGE_EXPIRED: 'expired',
  // SMS fallback.
  PENDING_TO_OPERATOR: 'queued',
  SENDING_TO_OPERATOR: 'queued',
  PENDING_ON_OPERATOR: 'sent',
  SUBMITTED_TO_CARRIER: 'sent',
  DELIVERED_TO_OPERATOR: 'sent',
  DELIVERED_TO_HANDSET: 'delivered',
};

const BY_CODE: Record<string, DeliveryStatus> = {
  '40001': 'sent',
  '40002': 'delivered',
  '40003': 'read',
  '40004': 'failed',
  '20005': 'delivered',
  '20006': 'sent',
  '21010': 'queued',
  '21015': 'queued',
  '21020': 'sent',
};

/**
 * The symbolic status decides when it is known, then the code; any other `EX_*` (RCS) or `FAILED_*`
 * (SMS) name is a failure, as Exotel's WhatsApp failure list suggests. Anything else is `unknown`.
 */
export function exotelStatus(name: string | undefined, code: string | undefined): DeliveryStatus {
  const upper = name?.trim().toUpperCase();
  const known =
    (upper === undefined ? undefined : BY_NAME[upper]) ?? (code === undefined ? undefined : BY_CODE[code]);
  if (known !== undefined) return known;
  if (upper?.startsWith('EX_') || upper?.startsWith('FAILED_')) return 'failed';
  return 'unknown';
}
