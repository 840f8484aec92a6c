import type { EventDraft } from '../../events/types.js';
import { parseDate } from '../../util/dates.js';
import { compact } from '../../util/object.js';
import { channelOf, unsupported, validate } from '../normalize-helpers.js';
import { inboundContent } from './content.js';
import { inboundSchema } from './schemas.js';

/**
 * An inbound message (the application's Inbound URL). Only `channel: "rcs"` is normalized: an SMS,
 * MMS or WhatsApp message reaching the same endpoint would otherwise be indistinguishable from RCS
 * traffic (inbound events carry no channel), so it is passed on as `unsupported`.
 */
export function inboundMessage(raw: Record<string, unknown>): EventDraft {
  if (typeof raw.channel === 'string' && channelOf(raw.channel) !== 'rcs') {
    return unsupported(raw, `Vonage ${raw.channel} inbound messages are not RCS traffic`);
  }
  const message = validate('vonage', 'inbound message', inboundSchema, raw);
  const content = inboundContent(message.message_type, raw);
  if (content === undefined) {
    return unsupported(raw, `Vonage RCS message_type ${message.message_type} is not supported`);
  }
  return compact({
    kind: 'inbound',
    id: `inbound:${message.message_uuid}`,
    raw,
    occurredAt: parseDate(message.timestamp),
    messageId: message.message_uuid,
    // As Vonage sends them: MSISDNs without "+", the agent as its sender id.
    from: message.from,
    to: message.to ?? undefined,
    content,
  });
}
