import { PayloadParseError } from '../../errors/index.js';
import type { EventDraft } from '../../events/types.js';
import { parseDate } from '../../util/dates.js';
import { compact } from '../../util/object.js';
import { channelOf, unsupported, validate } from '../normalize-helpers.js';
import { rcsContent } from './content.js';
import { type EnvelopeData, inboundMessageSchema } from './schemas.js';

/**
 * `message.received`. The same webhook carries SMS/MMS (flat `text` / `media[]`) when a messaging
 * profile points at this URL: those are passed on unsupported. RCS content is `payload.body`.
 */
export function inboundMessage(raw: unknown, data: EnvelopeData): EventDraft {
  const message = validate('telnyx', 'message.received payload', inboundMessageSchema, data.payload);
  if (message.type != null && channelOf(message.type) !== 'rcs') {
    return unsupported(raw, `Telnyx ${message.type} inbound messages are not RCS`);
  }
  if (message.body == null) {
    throw new PayloadParseError('invalid_payload', 'telnyx RCS message.received payload has no body', {
      provider: 'telnyx',
    });
  }
  const content = rcsContent(message.body);
  if (content === undefined) {
    const keys = Object.keys(message.body).join(', ') || 'none';
    return unsupported(raw, `Telnyx RCS message body (keys: ${keys}) is not supported`);
  }
  return compact({
    kind: 'inbound',
    id: `inbound:${data.id}`,
    raw,
    occurredAt: parseDate(data.occurred_at),
    messageId: message.id,
    from: message.from.phone_number,
    to: message.to?.[0]?.agent_id,
    content,
  });
}
