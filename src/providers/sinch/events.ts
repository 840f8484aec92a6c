import type { EventDraft } from '../../events/types.js';
import { compact } from '../../util/object.js';
import { channelOf, unsupported, validate } from '../normalize-helpers.js';
import { occurredAt, present } from './fields.js';
import { type Envelope, inboundEventSchema } from './schemas.js';

/**
 * EVENT_INBOUND. `contact_event.composing_event` / `composing_end_event` are the contact's typing
 * indicator (start / stop); every other contact or contact-message event (conversation deleted,
 * comment, generic, reactions, payments, shortlinks) is passed on unsupported.
 */
export function inboundEvent(raw: unknown, envelope: Envelope, item: unknown): EventDraft {
  const event = validate('sinch', 'event', inboundEventSchema, item);
  const contactEvent = event.contact_event ?? undefined;
  const active =
    contactEvent?.composing_event != null
      ? true
      : contactEvent?.composing_end_event != null
        ? false
        : undefined;
  if (active === undefined) {
    const [group, body] =
      contactEvent !== undefined
        ? ['contact_event', contactEvent]
        : ['contact_message_event', event.contact_message_event ?? {}];
    return unsupported(
      raw,
      `Sinch EVENT_INBOUND ${group} (${Object.keys(body).join(', ') || 'empty'}) is not supported`,
    );
  }
  const direction = present(event.direction);
  if (direction !== undefined && direction !== 'TO_APP') {
    return unsupported(raw, `Sinch event with direction ${direction} is not from the contact`);
  }
  const { channel, identity } = event.channel_identity;
  if (channelOf(channel) === undefined)
    return unsupported(raw, `Sinch ${channel} events are not RCS, SMS or MMS`);
  return compact({
    kind: 'typing',
    id: `typing:${event.id}:${active ? 'on' : 'off'}`,
    raw,
    occurredAt: occurredAt(envelope, event.accept_time),
    from: identity,
    active,
  });
}
