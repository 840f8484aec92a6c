import { createHash } from 'node:crypto';
import type { EventDraft } from '../../events/types.js';
import { parseDate } from '../../util/dates.js';
import { compact } from '../../util/object.js';
import { unsupported, validate } from '../normalize-helpers.js';
import { conversationSchema } from './schemas.js';

/**
 * Conversations API lifecycle events (docs.bird.com "Conversations API: Webhook Event Types").
 * Participants, channel and last message are not normalized: they stay in `raw.payload`.
 */
export function conversationEvent(raw: unknown, event: string, payload: unknown): EventDraft {
  if (!['conversation.created', 'conversation.updated', 'conversation.deleted'].includes(event)) {
    return unsupported(raw, `Bird conversations event ${event} is not supported`);
  }
  const conversation = validate('bird', `${event} payload`, conversationSchema, payload);
  const { id } = conversation;
  const status = conversation.status ?? undefined;

  if (event === 'conversation.created') {
    const startsAt = parseDate(conversation.createdAt);
    return compact({
      kind: 'conversationStarted',
      id: `conversationStarted:${id}`,
      raw,
      occurredAt: startsAt,
      conversationId: id,
      // A conversation a contact (the end user) opened is user-initiated; any other initiator
      // (a user of the workspace, a flow, the API) is the business.
      type: conversation.initiatingParticipant?.type === 'contact' ? 'P2A' : 'A2P',
      startsAt,
      derived: false,
    });
  }
  if (event === 'conversation.updated') {
    // A conversation is updated many times: the update time tells the deliveries apart.
    const version = conversation.updatedAt ?? digest(payload);
    return compact({
      kind: 'conversationUpdated',
      id: `conversationUpdated:${id}:${version}`,
      raw,
      occurredAt: parseDate(conversation.updatedAt),
      conversationId: id,
      status,
    });
  }
  // The payload carries no deletion time (`updatedAt` is the last change before it): no occurredAt.
  return compact({
    kind: 'conversationEnded',
    id: `conversationEnded:${id}`,
    raw,
    conversationId: id,
    status,
  });
}

function digest(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value) ?? '')
    .digest('hex')
    .slice(0, 32);
}
