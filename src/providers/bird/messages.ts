import type { EventDraft } from '../../events/types.js';
import { parseDate } from '../../util/dates.js';
import { compact } from '../../util/object.js';
import { channelOf, unsupported, validate } from '../normalize-helpers.js';
import { messageContents } from './content.js';
import { nonEmpty, soleContact } from './fields.js';
import { inboundMessageSchema, outboundMessageSchema } from './schemas.js';
import { birdStatus } from './status.js';

/** `<platform>.inbound`: one inbound event per content item (usually one). */
export function inboundMessage(raw: unknown, event: string, payload: unknown): EventDraft[] {
  const message = validate('bird', `${event} payload`, inboundMessageSchema, payload);
  const contents = messageContents(message.body);
  if (contents === undefined) {
    return [unsupported(raw, `Bird ${event} body type ${message.body.type} is not supported`)];
  }
  const from = nonEmpty(message.sender?.contact?.identifierValue);
  if (from === undefined) return [unsupported(raw, `Bird ${event} without the sender's identifierValue`)];
  return contents.map((content, index) =>
    compact({
      kind: 'inbound',
      id: contents.length === 1 ? `inbound:${message.id}` : `inbound:${message.id}:${index}`,
      raw,
      occurredAt: parseDate(message.createdAt ?? message.lastStatusAt),
      messageId: message.id,
      from,
      to: nonEmpty(message.receiver?.connector?.identifierValue),
      content,
    }),
  );
}

/** `<platform>.outbound`: the message's status changed. */
export function outboundStatus(raw: unknown, event: string, platform: string, payload: unknown): EventDraft {
  const message = validate('bird', `${event} payload`, outboundMessageSchema, payload);
  const reason = nonEmpty(message.reason);
  return compact({
    kind: 'delivery',
    id: `delivery:${message.id}:${message.status}`,
    raw,
    occurredAt: parseDate(message.lastStatusAt ?? message.updatedAt),
    messageId: message.id,
    status: birdStatus(message.status),
    providerStatus: message.status,
    recipient: nonEmpty(soleContact(message.receiver?.contacts)?.identifierValue),
    sender: nonEmpty(message.sender?.connector?.identifierValue),
    error: reason === undefined ? undefined : { message: reason },
    channel: channelOf(platform),
    callbackData: nonEmpty(message.reference),
  });
}
