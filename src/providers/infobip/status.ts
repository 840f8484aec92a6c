import type { DeliveryStatus } from '../../events/types.js';

// Infobip status groups: 1 PENDING, 2 UNDELIVERABLE, 3 DELIVERED, 4 EXPIRED, 5 REJECTED
// (https://www.infobip.com/docs/essentials/api-essentials/response-status-and-error-codes).
// Within PENDING, only MESSAGE_ACCEPTED / PENDING_ACCEPTED mean "not yet handed on"; the others
// (PENDING_ENROUTE, PENDING_WAITING_DELIVERY) mean the operator has the message.
const GROUPS = new Map<string, DeliveryStatus>(
  Object.entries({
    PENDING: 'sent',
    UNDELIVERABLE: 'failed',
    DELIVERED: 'delivered',
    EXPIRED: 'expired',
    REJECTED: 'failed',
  }) as [string, DeliveryStatus][],
);

const QUEUED_NAMES = new Set(['MESSAGE_ACCEPTED', 'PENDING_ACCEPTED']);

export function infobipStatus(groupName: string, name: string | undefined): DeliveryStatus {
  const group = groupName.toUpperCase();
  if (group === 'PENDING' && (name === undefined || QUEUED_NAMES.has(name.toUpperCase()))) return 'queued';
  return GROUPS.get(group) ?? 'unknown';
}
