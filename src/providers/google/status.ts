import type { DeliveryStatus } from '../../events/types.js';

/**
 * RBM event types that report on an agent message. RBM has no "sent" or "failed" callback: send
 * errors come back synchronously from the send API.
 * - UserEvent `DELIVERED` / `READ`: the user's device received / opened it.
 * - ServerEvent `TTL_EXPIRATION_REVOKED`: the message's TTL passed and it was revoked, so it will
 *   never arrive (Google: "a good trigger for your fallback messaging strategy").
 * - ServerEvent `TTL_EXPIRATION_REVOKE_FAILED`: the TTL passed but revoking failed, so "delivery is
 *   not guaranteed" either way: a `DELIVERED` may still follow. That is `unknown`, which never
 *   overrides a known status, rather than the final `expired` (RBM "Events" guide).
 */
const STATUSES = new Map<string, DeliveryStatus>([
  ['DELIVERED', 'delivered'],
  ['READ', 'read'],
  ['TTL_EXPIRATION_REVOKED', 'expired'],
  ['TTL_EXPIRATION_REVOKE_FAILED', 'unknown'],
]);

export const USER_REPORT_TYPES = new Set(['DELIVERED', 'READ']);
export const SERVER_REPORT_TYPES = new Set(['TTL_EXPIRATION_REVOKED', 'TTL_EXPIRATION_REVOKE_FAILED']);

export function googleStatus(eventType: string): DeliveryStatus {
  return STATUSES.get(eventType) ?? 'unknown';
}
