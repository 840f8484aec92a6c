import { assert, type Equals } from 'tsafe';
import type { DeliveryStatus } from '../events/types.js';

/**
 * How far along a message is. Reports only move a message forward: queued < sent < delivered < read;
 * failed and expired are final. `unknown` never replaces a known status.
 */
const RANK = {
  unknown: 0,
  queued: 1,
  sent: 2,
  delivered: 3,
  read: 4,
  failed: 5,
  expired: 5,
} as const satisfies Record<DeliveryStatus, number>;

assert<Equals<keyof typeof RANK, DeliveryStatus>>();

const FINAL = new Set<DeliveryStatus>(['failed', 'expired']);

/** Whether a report of `incoming` arriving after `current` is out of date. */
export function isSuperseded(current: DeliveryStatus, incoming: DeliveryStatus): boolean {
  if (FINAL.has(current)) return incoming !== current;
  return RANK[incoming] < RANK[current];
}
