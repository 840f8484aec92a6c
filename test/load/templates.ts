import { readFileSync } from 'node:fs';
import type { ProviderName } from 'rcs-webhooks';
import { googleEnvelope } from 'rcs-webhooks/testing';

/**
 * Request bodies for the load test, built from the providers' fixtures (test/fixtures/<provider>/)
 * with only their ids, the end user (and, for Exotel's read report, the status) changed: the rest of every body is
 * the fixture's own text, so each provider's real parsing, validation and normalization runs.
 */

/** What one planned event is: a delivery report (delivered or read) or an inbound text message. */
export type LoadEventType = 'delivered' | 'read' | 'inbound';

/** The ids a body is built with: the message, a unique id for the webhook event itself, and the user. */
export interface BodyIds {
  messageId: string;
  /** Unique per event, for providers whose event id is not derived from the message id. */
  eventId: string;
  /** Four digits: the end user is the fixture's phone number with its last four digits replaced. */
  user: string;
}

/** A replaced fixture string: by one of the ids, or by a fixed value. */
type Slot = 'messageId' | 'eventId' | 'user' | { value: string };

interface Template {
  /** Fixture path below test/fixtures/<provider>/ (without .json). */
  fixture: string;
  /** Fixture strings replaced in the text. */
  replace: Record<string, Slot>;
}

type Templates = Record<LoadEventType, Template>;

const FIXTURES = new URL('../fixtures/', import.meta.url);

/** Providers sending one event per request; Infobip batches up to 100 results per request. */
export const SINGLE_EVENT_PROVIDERS = [
  'telnyx',
  'bird',
  'exotel',
  'google',
  'twilio',
  'sinch',
  'vonage',
] as const satisfies readonly ProviderName[];
export type SingleEventProvider = (typeof SINGLE_EVENT_PROVIDERS)[number];
export const BATCH_PROVIDER = 'infobip' satisfies ProviderName;
export type LoadProvider = SingleEventProvider | typeof BATCH_PROVIDER;

const TEMPLATES: Record<LoadProvider, Templates> = {
  // Infobip templates are single `results[]` items (the batch body is assembled from them).
  infobip: {
    delivered: {
      fixture: 'notes-delivery-report-full',
      replace: { 'c0ed295b-c39d-4f6d-b347-fa1837f18c00': 'messageId', '441134960001': 'user' },
    },
    read: {
      fixture: 'notes-seen-report',
      replace: { 'c0ed295b-c39d-4f6d-b347-fa1837f18c00': 'messageId', '441134960001': 'user' },
    },
    inbound: {
      fixture: 'notes-inbound-text',
      replace: { 'c0ed295b-c39d-4f6d-b347-fa1837f18c00': 'messageId', '385912345678': 'user' },
    },
  },
  telnyx: {
    delivered: {
      fixture: 'seed-message-finalized-delivered',
      replace: {
        '4ee8c3a6-4995-4309-a3c6-38e3db9ea4be': 'eventId',
        'ac012cbf-5e09-46af-a69a-7c0e2d90993c': 'messageId',
        '+13125000000': 'user',
      },
    },
    read: {
      fixture: 'notes-message-read-no-meta',
      replace: {
        '7bc4d2e1-3f89-4a12-b5c7-9e8d1a2f3b4c': 'eventId',
        'ac012cbf-5e09-46af-a69a-7c0e2d90993c': 'messageId',
        '+13125000000': 'user',
      },
    },
    inbound: {
      fixture: 'seed-message-received-text',
      replace: {
        'b301ed3f-1490-491f-995f-6e64e69674d4': 'eventId',
        '84cca175-9755-4859-b67f-4730d7f58aa3': 'messageId',
        '+1312500000': 'user',
      },
    },
  },
  bird: {
    delivered: {
      fixture: 'notes-rcs-outbound-delivered',
      replace: { '7b1f0c7e-6f6e-4f1f-9a3e-2d7e4d0a9b11': 'messageId', '+447123456789': 'user' },
    },
    // Bird's read interaction names no user.
    read: {
      fixture: 'composed-rcs-interaction-read',
      replace: {
        '00000000-0000-4000-8000-000000000001': 'eventId',
        '7b1f0c7e-6f6e-4f1f-9a3e-2d7e4d0a9b11': 'messageId',
      },
    },
    inbound: {
      fixture: 'notes-rcs-inbound-text',
      replace: { '3c6d204d-09d4-44b0-81a2-6e33dfdf409c': 'messageId', '+447123456789': 'user' },
    },
  },
  exotel: {
    delivered: {
      fixture: 'notes-dlr-variant-a-enveloped',
      replace: { '2FdiiEQUosckPhpZfuVwfjxiSlc16a4': 'messageId', '+919888888888': 'user' },
    },
    // Exotel's documented read code (40003 EX_MESSAGE_SEEN) in the delivered report's body.
    read: {
      fixture: 'notes-dlr-variant-a-enveloped',
      replace: {
        '2FdiiEQUosckPhpZfuVwfjxiSlc16a4': 'messageId',
        '+919888888888': 'user',
        '40002': { value: '40003' },
        EX_MESSAGE_DELIVERED: { value: 'EX_MESSAGE_SEEN' },
        'Message delivered': { value: 'Message seen' },
      },
    },
    inbound: {
      fixture: 'notes-inbound-text',
      replace: { a1b2c3d4e5: 'messageId', '+919888888888': 'user' },
    },
  },
  // Google templates are decoded RBM events (events/); the body is their Pub/Sub-style envelope.
  google: {
    delivered: {
      fixture: 'events/composed-user-event-delivered',
      replace: { 'msg-123': 'messageId', MxA1B2C3: 'eventId', '+12223334444': 'user' },
    },
    read: {
      fixture: 'events/notes-user-event-read',
      replace: { 'msg-123': 'messageId', MxA1B2C3: 'eventId', '+12223334444': 'user' },
    },
    inbound: {
      fixture: 'events/notes-user-message-text',
      replace: { MxZ1Y2X3: 'messageId', '+12223334444': 'user' },
    },
  },
  // Twilio posts forms: form-encoded/ holds each fixture's exact wire body.
  twilio: {
    delivered: {
      fixture: 'form-encoded/composed-rcs-status-delivered',
      replace: { SM00000000000000000000000000000010: 'messageId', '%2B15551234567': 'user' },
    },
    read: {
      fixture: 'form-encoded/composed-rcs-status-read',
      replace: { SM00000000000000000000000000000010: 'messageId', '%2B15551234567': 'user' },
    },
    inbound: {
      fixture: 'form-encoded/composed-rcs-inbound-text',
      replace: { SM00000000000000000000000000000001: 'messageId', '%2B15551234567': 'user' },
    },
  },
  sinch: {
    delivered: {
      fixture: 'composed-message-delivery-delivered',
      replace: { '01JGQX000000000000000000MT': 'messageId', '46732001122': 'user' },
    },
    read: {
      fixture: 'notes-message-delivery-read',
      replace: { '01JGQX000000000000000000MT': 'messageId', '46732001122': 'user' },
    },
    inbound: {
      fixture: 'notes-message-inbound-text',
      replace: { '01JGQX0000000000000000000A': 'messageId', '46732001122': 'user' },
    },
  },
  vonage: {
    delivered: {
      fixture: 'notes-status-delivered',
      replace: { 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab': 'messageId', '447700900001': 'user' },
    },
    read: {
      fixture: 'composed-status-read',
      replace: { 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab': 'messageId', '447700900001': 'user' },
    },
    inbound: {
      fixture: 'notes-inbound-text',
      replace: { 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab': 'messageId', '447700900001': 'user' },
    },
  },
};

/** A template's text split at its replaced strings, so building a body is one join. */
interface CompiledTemplate {
  parts: string[];
  /** What goes between parts: an id, a fixed value, or (`prefix`) a user number's first digits. */
  slots: ({ id: 'messageId' | 'eventId' } | { value: string } | { prefix: string })[];
}

const compiled = new Map<string, CompiledTemplate>();

function compile(provider: LoadProvider, type: LoadEventType): CompiledTemplate {
  const cacheKey = `${provider}/${type}`;
  const cached = compiled.get(cacheKey);
  if (cached !== undefined) return cached;
  const template = TEMPLATES[provider][type];
  let text = readFileSync(new URL(`${provider}/${template.fixture}.json`, FIXTURES), 'utf8');
  if (provider === BATCH_PROVIDER) {
    // One result item, compact: the batch body is `{"results":[item,item,...]}`.
    const body = JSON.parse(text) as { results?: unknown[] };
    const [item] = body.results ?? [];
    if (item === undefined) throw new Error(`${cacheKey}: fixture has no results[0]`);
    text = JSON.stringify(item);
  }
  // Split on every replaced string (longest first, so that no needle matches inside a longer one).
  const needles = Object.keys(template.replace).sort((a, b) => b.length - a.length);
  const pattern = new RegExp(
    needles.map((needle) => needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'),
    'g',
  );
  const parts: string[] = [];
  const slots: CompiledTemplate['slots'] = [];
  const found = new Set<string>();
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const needle = match[0];
    const slot = template.replace[needle];
    if (slot === undefined) throw new Error(`${cacheKey}: no slot for ${needle}`);
    parts.push(text.slice(last, match.index));
    slots.push(
      typeof slot === 'object' ? slot : slot === 'user' ? { prefix: needle.slice(0, -4) } : { id: slot },
    );
    found.add(needle);
    last = match.index + needle.length;
  }
  parts.push(text.slice(last));
  const missing = needles.filter((needle) => !found.has(needle));
  if (missing.length > 0) throw new Error(`${cacheKey}: ${template.fixture} lacks ${missing.join(', ')}`);
  const result = { parts, slots };
  compiled.set(cacheKey, result);
  return result;
}

function fill(template: CompiledTemplate, ids: BodyIds): string {
  let text = template.parts[0] ?? '';
  template.slots.forEach((slot, index) => {
    text += 'value' in slot ? slot.value : 'prefix' in slot ? `${slot.prefix}${ids.user}` : ids[slot.id];
    text += template.parts[index + 1] ?? '';
  });
  return text;
}

/** The request body of one event of a single-event provider, exactly as it is sent. */
export function singleBody(provider: SingleEventProvider, type: LoadEventType, ids: BodyIds): string {
  const text = fill(compile(provider, type), ids);
  if (provider !== 'google') return text;
  // Google signs the decoded `message.data`: the event bytes go into the envelope unchanged.
  return JSON.stringify(googleEnvelope(text, { publishTime: new Date() }));
}

/** An Infobip `{ results: [...] }` body, one result per event, in order. */
export function infobipBatchBody(items: { type: LoadEventType; ids: BodyIds }[]): string {
  return `{"results":[${items.map((item) => fill(compile(BATCH_PROVIDER, item.type), item.ids)).join(',')}]}`;
}

/** Provider-shaped ids: Twilio message SIDs are `SM` + 32 hex digits; the others take UUID-shaped ids. */
export function messageIdFor(provider: LoadProvider, runTag: string, serial: number): string {
  const hex = serial.toString(16).padStart(12, '0');
  if (provider === 'twilio') return `SM${runTag}${hex.padStart(24, '0')}`;
  return `${runTag}-${hex.slice(0, 4)}-4${hex.slice(4, 7)}-8${hex.slice(7, 10)}-${hex.slice(10).padStart(12, '0')}`;
}
