import type { EventDraft } from '../../events/types.js';
import { compact } from '../../util/object.js';
import { channelOf, unsupported, validate } from '../normalize-helpers.js';
import { contactContent } from './content.js';
import { conversationRef, occurredAt, present } from './fields.js';
import { type Envelope, inboundMessageSchema } from './schemas.js';

/**
 * MESSAGE_INBOUND. The Conversation API is multi-channel: RCS, SMS and MMS messages are normalized
 * (an RCS agent's traffic falls back to SMS); WhatsApp, Messenger and the others are passed on
 * unsupported. `from` is the channel identity exactly as sent (Sinch usually omits the `+`).
 */
export function inboundMessage(raw: unknown, envelope: Envelope, item: unknown): EventDraft {
  const message = validate('sinch', 'message', inboundMessageSchema, item);
  const { channel, identity } = message.channel_identity;
  const direction = present(message.direction);
  if (direction !== undefined && direction !== 'TO_APP') {
    return unsupported(raw, `Sinch message with direction ${direction} is not from the contact`);
  }
  if (channelOf(channel) === undefined) {
    return unsupported(raw, `Sinch ${channel} messages are not RCS, SMS or MMS`);
  }
  const parsed = contactContent(message.contact_message);
  if (parsed.content === undefined) return unsupported(raw, parsed.reason);
  return compact({
    kind: 'inbound',
    id: `inbound:${message.id}`,
    raw,
    occurredAt: occurredAt(envelope, message.accept_time),
    messageId: message.id,
    from: identity,
    // "The sender ID to which the contact sent the message": the RCS agent, or the SMS number.
    to: present(message.sender_id),
    content: parsed.content,
    replyToMessageId: parsed.replyToMessageId,
    conversation: conversationRef(message.conversation_id),
  });
}
