import { EVENT_KINDS, type RcsEvent } from '../events/types.js';

/** Every `Date` an event can hold; all are top-level fields (see events/types.ts). */
const DATE_FIELDS = ['receivedAt', 'occurredAt', 'startsAt', 'endsAt'] as const;

/** An event as it waits in the inbox: JSON, with dates as ISO strings. `raw` is JSON already. */
export function encodeEvent(event: RcsEvent): string {
  return JSON.stringify(event);
}

/** The event `encodeEvent` wrote, with its dates restored; throws on anything else. */
export function decodeEvent(payload: string): RcsEvent {
  const value: unknown = JSON.parse(payload);
  if (
    typeof value !== 'object' ||
    value === null ||
    !(EVENT_KINDS as readonly unknown[]).includes((value as { kind?: unknown }).kind) ||
    typeof (value as { id?: unknown }).id !== 'string' ||
    typeof (value as { provider?: unknown }).provider !== 'string'
  ) {
    throw new TypeError('not an encoded rcs-webhooks event');
  }
  const event = value as Record<string, unknown>;
  for (const field of DATE_FIELDS) {
    const text = event[field];
    if (text === undefined) continue;
    const date = typeof text === 'string' ? new Date(text) : undefined;
    if (date === undefined || Number.isNaN(date.getTime())) throw new TypeError(`invalid ${field} in event`);
    event[field] = date;
  }
  return event as unknown as RcsEvent;
}
