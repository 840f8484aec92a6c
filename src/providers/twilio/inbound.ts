import type { z } from 'zod';
import type { EventDraft } from '../../events/types.js';
import { compact } from '../../util/object.js';
import { unsupported, validate } from '../normalize-helpers.js';
import { incomingContents } from './content.js';
import { optOutChange } from './opt-out.js';
import { addressChannel, present, type TwilioParams } from './params.js';
import { incomingMessageSchema } from './schemas.js';

/**
 * An incoming message: one inbound event per content. Addresses are kept as Twilio sends them
 * (`rcs:+15551234567`). Only `rcs:` senders are normalized: an inbound event has no channel field, so
 * an SMS or WhatsApp message on the same Messaging Service would be indistinguishable from RCS; those
 * are passed on as `unsupported`, with every parameter in `raw`. An opt-out or opt-in keyword
 * (`OptOutType`) from an RCS or SMS sender is also a `subscription` event, after the message's own
 * events (an SMS message itself stays `unsupported`): Advanced Opt-Out applies to the Messaging Service, whichever channel the keyword came on.
 */
export function incomingMessage(raw: TwilioParams): EventDraft[] {
  const message = validate('twilio', 'incoming message', incomingMessageSchema, raw);
  const channel = addressChannel(message.From);
  const change = channel === 'rcs' || channel === undefined ? optOutChange(message, raw) : undefined;
  const events = channel === 'rcs' ? rcsMessage(message, raw) : [];
  if (events.length === 0) {
    const reason =
      channel === 'rcs'
        ? 'Twilio incoming RCS message without Body, media, location or button'
        : `Twilio incoming ${channel ?? 'SMS/MMS'} message is not RCS`;
    events.push(unsupported(raw, reason));
  }
  if (change !== undefined) events.push(change);
  return events;
}

function rcsMessage(message: z.output<typeof incomingMessageSchema>, raw: TwilioParams): EventDraft[] {
  return incomingContents(message, raw).map(({ suffix, content }) =>
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
