import type { EventDraft } from '../../events/types.js';
import { compact } from '../../util/object.js';
import { channelOf, unsupported, validate } from '../normalize-helpers.js';
import { occurredAt, present } from './fields.js';
import { capabilityNotificationSchema, type Envelope } from './schemas.js';

// `capability_status` (CapabilityNotification in sinch-sdk-node). PARTIAL: RCS works, but only
// the features listed in `channel_capabilities`. CAPABILITY_UNKNOWN (and anything new) says
// neither yes nor no, and a capability event's `enabled` is a boolean: it is passed on unsupported
// rather than guessed, its reason naming Sinch's `reason.code` when there is one (why the check failed).
const ENABLED = new Map<string, boolean>([
  ['CAPABILITY_FULL', true],
  ['CAPABILITY_PARTIAL', true],
  ['NO_CAPABILITY', false],
]);

/** CAPABILITY: the result of an asynchronous RCS capability check (other channels: unsupported). */
export function capabilityResult(raw: unknown, envelope: Envelope, item: unknown): EventDraft {
  const result = validate('sinch', 'capability_notification', capabilityNotificationSchema, item);
  if (channelOf(result.channel) !== 'rcs') {
    return unsupported(raw, `Sinch ${result.channel} capability results are not RCS`);
  }
  const status = result.capability_status;
  const enabled = ENABLED.get(status.toUpperCase());
  if (enabled === undefined) {
    const why = present(result.reason?.code);
    return unsupported(
      raw,
      `Sinch capability status ${status} says neither enabled nor not${why === undefined ? '' : ` (reason ${why})`}`,
    );
  }
  // `request_id` is Sinch's duplicate-detection key; without one, number and status identify the result.
  const key = present(result.request_id) ?? `${result.identity}:${status}`;
  return compact({
    kind: 'capability',
    id: `capability:${key}`,
    raw,
    occurredAt: occurredAt(envelope),
    phoneNumber: result.identity,
    enabled,
    providerStatus: status,
  });
}
