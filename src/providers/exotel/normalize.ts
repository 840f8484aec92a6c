import { PayloadParseError } from '../../errors/index.js';
import type { Channel, EventDraft } from '../../events/types.js';
import { invalidItem, isRecord, orUnsupported, unsupported, validate } from '../normalize-helpers.js';
import type { ProviderRequest } from '../types.js';
import { inboundMessage } from './inbound.js';
import { deliveryReport } from './reports.js';
import { envelopeSchema } from './schemas.js';

/** Envelope keys this provider reads, in the order their events are emitted. */
const CHANNELS = ['rcs', 'sms'] as const;
const ITEM_KEYS = ['sid', 'callback_type', 'exo_status_code', 'content'];

/**
 * Exotel sends `{ "rcs": { "messages": [...] }, "sms": { "messages": [...] } }` (either part
 * optional; `sms` holds SMS-fallback reports), or, per the omnichannel page, one flat report.
 * One event per message, rcs first, then sms, then any other channel key as `unsupported`.
 */
export function normalizeExotel(request: ProviderRequest): EventDraft[] {
  const body = request.json();
  if (!isRecord(body)) {
    throw new PayloadParseError('invalid_payload', 'Exotel webhooks are JSON objects', {
      provider: 'exotel',
    });
  }
  const others = Object.keys(body).filter(
    (key) => !(CHANNELS as readonly string[]).includes(key) && isEnvelope(body[key]),
  );
  const enveloped = CHANNELS.some((key) => key in body) || others.length > 0;
  if (!enveloped) {
    if (ITEM_KEYS.some((key) => key in body))
      return orUnsupported(body, () => normalizeItem(body, undefined));
    return [unsupported(body, 'Exotel payload of an unknown shape')];
  }
  // A part or a message that does not fit its schema becomes `unsupported`; the others are normalized.
  const events: EventDraft[] = [];
  for (const channel of CHANNELS) {
    if (!(channel in body)) continue;
    const messages = messagesOf(body[channel], channel);
    if (!Array.isArray(messages)) {
      events.push(messages);
      continue;
    }
    for (const item of messages) {
      events.push(...orUnsupported(item, () => normalizeItem(item, channel)));
    }
  }
  for (const key of others) events.push(unsupported(body[key], `Exotel ${key} callbacks are not RCS`));
  return events;
}

/** The `messages` of one channel part, or the part as `unsupported` when it does not fit the envelope. */
function messagesOf(part: unknown, channel: Channel): unknown[] | EventDraft {
  try {
    return validate('exotel', `${channel} callback`, envelopeSchema, part).messages;
  } catch (error) {
    if (error instanceof PayloadParseError) return invalidItem(part, error);
    throw error;
  }
}

function isEnvelope(value: unknown): boolean {
  return isRecord(value) && Array.isArray(value.messages);
}

function normalizeItem(item: unknown, channel: Channel | undefined): EventDraft {
  if (!isRecord(item)) return unsupported(item, 'Exotel message that is not an object');
  const kind = kindOf(item);
  if (kind === 'dlr') return deliveryReport(item, channel);
  // The reference page says `icm`; the seed's examples (and Exotel's WhatsApp traffic) say `incoming_message`.
  if (kind === 'icm' || kind === 'incoming_message') {
    // Inbound events have no channel field, so an undocumented SMS reply is passed on, not mislabelled.
    if (channel === 'sms') return unsupported(item, 'Exotel incoming message in the sms envelope');
    return inboundMessage(item);
  }
  return unsupported(item, `Exotel callback_type ${String(item.callback_type)} is not supported`);
}

function kindOf(item: Record<string, unknown>): string | undefined {
  const type = item.callback_type;
  if (typeof type === 'string') return type.toLowerCase();
  if (type !== undefined) return undefined;
  // The omnichannel page's flat DLR has no `callback_type`: classify by shape.
  return 'content' in item ? 'icm' : 'dlr';
}
