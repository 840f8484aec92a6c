import type { EventDraft } from '../../events/types.js';
import { compact } from '../../util/object.js';
import { validate } from '../normalize-helpers.js';
import { occurredAt } from './fields.js';
import { conversationNotificationSchema, type Envelope } from './schemas.js';

// A Sinch conversation is the Conversation API's thread between one app and one contact, on any
// channel. It is NOT an RCS conversation (the A2P/P2A billing session): Sinch says nothing about
// who opened it or about a session window, so it never becomes `conversationStarted` (whose
// `type` would have to be guessed and which the store records as an RCS session). START is
// reported as `conversationUpdated`, STOP as `conversationEnded`.

function statusOf(active: boolean | null | undefined): string | undefined {
  if (active === true) return 'active';
  return active === false ? 'inactive' : undefined;
}

export function conversationStart(raw: unknown, envelope: Envelope, item: unknown): EventDraft {
  const { conversation } = validate(
    'sinch',
    'conversation_start_notification',
    conversationNotificationSchema,
    item,
  );
  return compact({
    kind: 'conversationUpdated',
    id: `conversationUpdated:${conversation.id}:CONVERSATION_START`,
    raw,
    occurredAt: occurredAt(envelope),
    conversationId: conversation.id,
    status: statusOf(conversation.active),
  });
}

export function conversationStop(raw: unknown, envelope: Envelope, item: unknown): EventDraft {
  const { conversation } = validate(
    'sinch',
    'conversation_stop_notification',
    conversationNotificationSchema,
    item,
  );
  return compact({
    kind: 'conversationEnded',
    id: `conversationEnded:${conversation.id}`,
    raw,
    occurredAt: occurredAt(envelope),
    conversationId: conversation.id,
    status: statusOf(conversation.active),
  });
}
