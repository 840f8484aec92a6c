import { createHash } from 'node:crypto';
import type { EventDraft } from '../../events/types.js';
import { parseDate } from '../../util/dates.js';
import { compact } from '../../util/object.js';
import { unsupported, validate } from '../normalize-helpers.js';
import { eventTypeSchema, serverEventSchema, userActivitySchema, userReportSchema } from './schemas.js';
import { googleStatus, SERVER_REPORT_TYPES, USER_REPORT_TYPES } from './status.js';

/**
 * A UserEvent (the user is `senderPhoneNumber`) or a ServerEvent (the user is `phoneNumber`): both
 * carry `eventType`, and their type values do not overlap, so the type routes them.
 */
export function rbmEvent(raw: Record<string, unknown>): EventDraft {
  const { eventType } = validate('google', 'event', eventTypeSchema, raw);
  if (USER_REPORT_TYPES.has(eventType)) return userReport(raw);
  if (SERVER_REPORT_TYPES.has(eventType)) return serverReport(raw);
  switch (eventType) {
    case 'IS_TYPING':
      return typing(raw);
    case 'SUBSCRIBE':
    case 'UNSUBSCRIBE':
      return subscription(raw, eventType === 'SUBSCRIBE');
    default:
      return unsupported(
        raw,
        `Google RBM ${'phoneNumber' in raw ? 'server' : 'user'} event ${eventType} is not supported`,
      );
  }
}

/**
 * `DELIVERED` / `READ` for one agent message. The id names the message, the type and the event
 * instance, so a message's delivered and read reports never share one while a redelivery keeps it.
 */
function userReport(raw: Record<string, unknown>): EventDraft {
  const event = validate('google', `${String(raw.eventType)} user event`, userReportSchema, raw);
  return compact({
    kind: 'delivery',
    id: reportId(event.messageId, event.eventType, event.eventId),
    raw,
    occurredAt: parseDate(event.sendTime),
    messageId: event.messageId,
    status: googleStatus(event.eventType),
    providerStatus: event.eventType,
    recipient: event.senderPhoneNumber,
    sender: event.agentId,
  });
}

/** TTL expiry of an agent message (revoked, or revocation failed). */
function serverReport(raw: Record<string, unknown>): EventDraft {
  const event = validate('google', `${String(raw.eventType)} server event`, serverEventSchema, raw);
  return compact({
    kind: 'delivery',
    id: reportId(event.messageId, event.eventType, event.eventId),
    raw,
    occurredAt: parseDate(event.sendTime),
    messageId: event.messageId,
    status: googleStatus(event.eventType),
    providerStatus: event.eventType,
    recipient: event.phoneNumber,
    sender: event.agentId,
  });
}

/** `IS_TYPING`: RBM reports only that typing started; there is no "stopped" event. */
function typing(raw: Record<string, unknown>): EventDraft {
  const event = validate('google', 'IS_TYPING user event', userActivitySchema, raw);
  return compact({
    kind: 'typing',
    id: `typing:${event.senderPhoneNumber}:${event.eventId ?? digest(raw)}`,
    raw,
    occurredAt: parseDate(event.sendTime),
    from: event.senderPhoneNumber,
    to: event.agentId,
    active: true,
  });
}

/**
 * `UNSUBSCRIBE`: the user no longer wants non-essential messages from the agent (they unsubscribed
 * in Google Messages); `SUBSCRIBE`: they subscribed again (RBM "Receive events" guide, "User
 * unsubscribes" / "User resubscribes"). Google Messages also sends the agent the country's keyword
 * (such as STOP) as an ordinary user message; the event itself carries none, so `keyword` stays unset.
 */
function subscription(raw: Record<string, unknown>, subscribed: boolean): EventDraft {
  const event = validate('google', `${String(raw.eventType)} user event`, userActivitySchema, raw);
  return compact({
    kind: 'subscription',
    id: `subscription:${event.senderPhoneNumber}:${event.eventType}:${event.eventId ?? digest(raw)}`,
    raw,
    occurredAt: parseDate(event.sendTime),
    user: event.senderPhoneNumber,
    agent: event.agentId,
    subscribed,
    providerStatus: event.eventType,
  });
}

function reportId(messageId: string, eventType: string, eventId: string | undefined): string {
  return ['delivery', messageId, eventType, eventId].filter((part) => part !== undefined).join(':');
}

/** Stands in for a missing `eventId`: the same event delivered twice has the same digest. */
function digest(raw: unknown): string {
  return createHash('sha256').update(JSON.stringify(raw)).digest('hex').slice(0, 32);
}
