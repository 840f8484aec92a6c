import type { EventDraft } from '../../events/types.js';
import { compact } from '../../util/object.js';
import { channelOf, unsupported, validate } from '../normalize-helpers.js';
import { occurredAt, present } from './fields.js';
import { type Envelope, optNotificationSchema } from './schemas.js';

// OPT_IN / OPT_OUT: "opt-in [opt-out] notifications from the channels or the results of the asynchronous
// registrations done through the /optins:register [/optouts:register] endpoint", `status` being the
// registration's outcome (https://developers.sinch.com/docs/conversation/callbacks, "Opt In" / "Opt Out";
// consent management sends them for opt-in/opt-out keywords in MO messages).
//
// An opt-out is an unsubscribe whatever its registration outcome (OPT_OUT_FAILED only says Sinch could
// not record it; the contact still asked): honouring it is always safe. An opt-in is a subscription only
// when Sinch reports OPT_IN_SUCCEEDED; a failed or unspecified one is passed on unsupported, never
// reported as subscribed.

/** OPT_IN (`subscribed` true) or OPT_OUT (false), on RCS, SMS or MMS (other channels: unsupported). */
export function optNotification(subscribed: boolean) {
  const trigger = subscribed ? 'OPT_IN' : 'OPT_OUT';
  return (raw: unknown, envelope: Envelope, item: unknown): EventDraft => {
    const notification = validate(
      'sinch',
      `${trigger.toLowerCase()}_notification`,
      optNotificationSchema,
      item,
    );
    const { channel, identity } = notification;
    // A subscription event has no channel field: a Viber or WhatsApp identity would pass for an RCS one.
    if (channelOf(channel) === undefined)
      return unsupported(raw, `Sinch ${trigger} on ${channel} is not RCS, SMS or MMS`);
    const status = present(notification.status);
    if (subscribed && status?.toUpperCase() !== 'OPT_IN_SUCCEEDED') {
      return unsupported(raw, `Sinch OPT_IN with status ${status ?? '(none)'} did not subscribe the contact`);
    }
    const when = present(envelope.event_time) ?? present(envelope.accepted_time);
    // `request_id` is Sinch's duplicate-detection key; without one, trigger, contact and time identify it.
    const key = present(notification.request_id) ?? [trigger, identity, when].filter(Boolean).join(':');
    return compact({
      kind: 'subscription',
      id: `subscription:${key}`,
      raw,
      occurredAt: occurredAt(envelope),
      user: identity,
      subscribed,
      providerStatus: status ?? trigger,
    });
  };
}
