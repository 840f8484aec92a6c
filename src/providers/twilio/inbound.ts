import type { EventDraft } from '../../events/types.js';
import { compact } from '../../util/object.js';
import { unsupported, validate } from '../normalize-helpers.js';
import { incomingContents } from './content.js';
import { addressChannel, present, type TwilioParams } from './params.js';
import { incomingMessageSchema } from './schemas.js';

/**
 * An incoming message: one inbound event per content. Addresses are kept as Twilio sends them
 * (`rcs:+15551234567`). Only `rcs:` senders are normalized: an inbound event has no channel field, so
 * an SMS or WhatsApp message on the same Messaging Service would be indistinguishable from RCS; those
 * are passed on as `unsupported`, with every parameter in `raw`.
 */
export function incomingMessage(raw: TwilioParams): EventDraft[] {
  const message = validate('twilio', 'incoming message', incomingMessageSchema, raw);
  const channel = addressChannel(message.From);
  if (channel !== 'rcs') {
    return [unsupported(raw, `Twilio incoming ${channel ?? 'SMS/MMS'} message is not RCS`)];
  }
  const parts = incomingContents(message, raw);
  if (parts.length === 0) {
    return [unsupported(raw, 'Twilio incoming RCS message without Body, media, location or button')];
  }
  return parts.map(({ suffix, content }) =>
    compact({
      kind: 'inbound',
      id: `inbound:${message.MessageSid}${suffix}`,
      raw,
      messageId: message.MessageSid,
      from: message.From,
      to: present(message.To),
      content,
    }),
  );
}
