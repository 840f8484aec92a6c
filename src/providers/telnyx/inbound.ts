import type { EventDraft, MessageContent } from '../../events/types.js';
import { parseDate } from '../../util/dates.js';
import { compact } from '../../util/object.js';
import { channelOf, unsupported, validate } from '../normalize-helpers.js';
import { rcsContent } from './content.js';
import { entryOrUnsupported } from './entries.js';
import { type EnvelopeData, inboundMessageSchema, mediaSchema } from './schemas.js';
import { subscriptionOf } from './subscription.js';

type InboundMessage = ReturnType<typeof inboundMessageSchema.parse>;

/**
 * `message.received`. RCS content is `payload.body`; telnyx-node's inbound type also allows flat `text`
 * and `media[]` on it. One inbound event per content, as for Twilio's MediaUrlN: the body's content or
 * else the text (`inbound:<data.id>`), then each media item N (`inbound:<data.id>:<N>`).
 *
 * SMS/MMS from a messaging profile pointed at the same URL are passed on unsupported, as Twilio's are:
 * an inbound event has no channel field, so an SMS reply would pass for RCS (and count as a user message
 * of a derived RCS session). Other channels (WhatsApp) too. An opt-out or opt-in keyword that Telnyx
 * answered (`autoresponse_type`, SMS/MMS or RCS) is a `subscription` event either way.
 */
export function inboundMessage(raw: unknown, data: EnvelopeData): EventDraft[] {
  const message = validate('telnyx', 'message.received payload', inboundMessageSchema, data.payload);
  if (message.type != null && channelOf(message.type) === undefined) {
    return [unsupported(raw, `Telnyx ${message.type} inbound messages are not RCS, SMS or MMS`)];
  }
  const to = recipientOf(message);
  const subscription = subscriptionOf(raw, data, message.autoresponse_type, message.from.phone_number, to);
  const events =
    channelOf(message.type) === 'rcs' || message.type == null
      ? rcsMessage(raw, data, message, to)
      : [unsupported(raw, `Telnyx ${message.type} inbound messages are not RCS`)];
  if (subscription !== undefined) events.push(subscription);
  return events;
}

function rcsMessage(
  raw: unknown,
  data: EnvelopeData,
  message: InboundMessage,
  to: string | undefined,
): EventDraft[] {
  const events: EventDraft[] = [];
  const inbound = (suffix: string, content: MessageContent): EventDraft =>
    compact({
      kind: 'inbound',
      id: `inbound:${data.id}${suffix}`,
      raw,
      occurredAt: parseDate(data.occurred_at),
      messageId: message.id,
      from: message.from.phone_number,
      to,
      content,
    });
  const first = (message.body == null ? undefined : rcsContent(message.body)) ?? textOf(message.text);
  if (first !== undefined) events.push(inbound('', first));
  for (const [index, item] of (message.media ?? []).entries()) {
    const path = `media.${index}`;
    events.push(
      entryOrUnsupported(raw, `unsupported:${data.id}:${path}`, () => {
        const media = validate('telnyx', `message.received ${path}`, mediaSchema, item);
        return inbound(
          `:${index}`,
          compact({ type: 'file', url: media.url, mimeType: media.content_type, size: media.size }),
        );
      }),
    );
  }
  if (events.length === 0) {
    const keys = Object.keys(message.body ?? {}).join(', ') || 'none';
    events.push(unsupported(raw, `Telnyx message without content (body keys: ${keys}, no text or media)`));
  }
  return events;
}

/**
 * The business side: the RCS agent (`to[0].agent_id`), the number (`to[0].phone_number`, SMS/MMS) or
 * the single string. The other `to[]` entries and `cc[]` (the other members of a group MMS) have no
 * place in an inbound event: they stay in `raw`.
 */
function recipientOf(message: InboundMessage): string | undefined {
  if (typeof message.to === 'string') return message.to === '' ? undefined : message.to;
  const first = message.to?.[0];
  return first?.agent_id ?? first?.phone_number;
}

function textOf(text: string | undefined): MessageContent | undefined {
  return text === undefined || text === '' ? undefined : { type: 'text', text };
}
