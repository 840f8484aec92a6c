import type { EventDraft } from '../../events/types.js';
import { parseDate } from '../../util/dates.js';
import { compact } from '../../util/object.js';
import { channelOf, unsupported, validate } from '../normalize-helpers.js';
import { nonEmpty, soleContact } from './fields.js';
import { type BirdInteraction, interactionSchema } from './schemas.js';

/**
 * `<platform>.interaction` (docs.bird.com programmable-rcs/message-interactions): `read` is a read
 * receipt for an outbound message; `clicked` is a tap on one of its suggestions or card actions.
 */
export function interaction(raw: unknown, event: string, platform: string, payload: unknown): EventDraft {
  const item = validate('bird', `${event} payload`, interactionSchema, payload);
  const type = item.type.toLowerCase();
  const id = `interaction:${interactionKey(item)}`;
  const user = nonEmpty(
    item.contact?.identifierValue ?? soleContact(item.receiver?.contacts)?.identifierValue,
  );
  const occurredAt = parseDate(item.createdAt);

  if (type === 'read') {
    return compact({
      kind: 'delivery',
      id,
      raw,
      occurredAt,
      messageId: item.messageId,
      status: 'read',
      providerStatus: item.type,
      recipient: user,
      channel: channelOf(platform),
    });
  }
  if (type === 'clicked') {
    // An inbound event needs the user, and Bird's interaction samples do not name one: rather than
    // invent a sender, such a click is passed on as `unsupported` (the payload stays in `raw`).
    if (user === undefined) return unsupported(raw, `Bird ${event} "clicked" does not name the user`);
    return compact({
      kind: 'inbound',
      id,
      raw,
      occurredAt,
      messageId: item.id ?? interactionKey(item),
      from: user,
      content: compact({ type: 'suggestion', postbackData: item.metadata?.button?.payload ?? undefined }),
      replyToMessageId: item.messageId,
    });
  }
  return unsupported(raw, `Bird interaction type ${item.type} is not supported`);
}

/** Bird's interaction id; without one, what tells two interactions on a message apart. */
function interactionKey(item: BirdInteraction): string {
  if (item.id) return item.id;
  return [item.messageId, item.type, item.details, item.createdAt].filter((part) => part).join(':');
}
