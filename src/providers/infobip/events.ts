import type { EventDraft } from '../../events/types.js';
import { parseDate } from '../../util/dates.js';
import { compact } from '../../util/object.js';
import { trafficTypeOf, validate } from '../normalize-helpers.js';
import { capabilitySchema, conversationStartedSchema, typingSchema } from './schemas.js';

/** RCS `TYPING_INDICATOR` (always "started") or Messages API `TYPING_STARTED` / `TYPING_STOPPED`. */
export function typing(raw: unknown, active: boolean): EventDraft {
  const item = validate('infobip', 'typing event', typingSchema, raw);
  const to = item.to ?? item.destination;
  // RCS typing events carry no id: sender, recipient and time identify one.
  const id = item.messageId ?? [item.sender, to, item.receivedAt].join(':');
  return compact({
    kind: 'typing',
    id: `typing:${id}:${active ? 'on' : 'off'}`,
    raw,
    occurredAt: parseDate(item.receivedAt),
    from: item.sender,
    to,
    active,
  });
}

export function conversationStarted(raw: unknown): EventDraft {
  const item = validate('infobip', 'CONVERSATION_STARTED event', conversationStartedSchema, raw);
  const { conversation } = item;
  const startsAt = parseDate(conversation.startTime ?? conversation.timeWindow?.startTime);
  return compact({
    kind: 'conversationStarted',
    id: `conversationStarted:${conversation.id}`,
    raw,
    occurredAt: startsAt,
    conversationId: conversation.id,
    type: conversation.type,
    trafficType: trafficTypeOf(item.trafficType),
    startsAt,
    endsAt: parseDate(conversation.endTime ?? conversation.timeWindow?.endTime),
    messageId: item.messageId,
    derived: false,
  });
}

/** Asynchronous capability-check result: one phone number per request, not wrapped in `results`. */
export function capability(raw: unknown): EventDraft {
  const { capabilityCheckResult: result } = validate(
    'infobip',
    'capability check result',
    capabilitySchema,
    raw,
  );
  return {
    kind: 'capability',
    id: `capability:${result.messageId ?? `${result.phoneNumber}:${result.code}`}`,
    raw,
    phoneNumber: result.phoneNumber,
    enabled: result.code === 'ENABLED',
    providerStatus: result.code,
  };
}
