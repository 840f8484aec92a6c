import { DELIVERY_STATUSES, type DeliveryStatus } from '../../src/events/types.js';
import { isSuperseded } from '../../src/store/status-order.js';

/**
 * Every (current, incoming) pair for which an incoming report is out of date, derived from the
 * core's own `isSuperseded`: the Lua and SQL versions are generated from this list, so the three
 * cannot disagree (the contract suite also checks every pair against each backend).
 */
export const SUPERSEDED_PAIRS: ReadonlyArray<readonly [current: DeliveryStatus, incoming: DeliveryStatus]> =
  DELIVERY_STATUSES.flatMap((current) =>
    DELIVERY_STATUSES.filter((incoming) => isSuperseded(current, incoming)).map(
      (incoming) => [current, incoming] as const,
    ),
  );

// The generated Lua and SQL embed statuses as literals: keep them plain words.
for (const status of DELIVERY_STATUSES) {
  if (!/^[a-z_]+$/.test(status)) throw new Error(`rcs-webhooks: unexpected status name ${status}`);
}
