import type { EventDraft } from '../../events/types.js';
import { unsupported, validate } from '../normalize-helpers.js';
import type { ProviderRequest } from '../types.js';
import { deliveryReports } from './delivery.js';
import { inboundMessage } from './inbound.js';
import { envelopeSchema } from './schemas.js';

const DELIVERY_EVENTS = new Set(['message.sent', 'message.finalized', 'message.read']);

/**
 * Every Telnyx webhook is one event in a `{ data: { event_type, id, occurred_at, payload }, meta? }`
 * envelope. A body without `data.event_type` and `data.id` (such as the doc's body-only fragments)
 * is not a Telnyx webhook: the PayloadParseError makes the pipeline pass the whole body on as
 * `unsupported` (200, reported to onError). Event types other than the messaging ones are passed on
 * unsupported.
 */
export function normalizeTelnyx(request: ProviderRequest): EventDraft[] {
  const raw = request.json();
  const envelope = validate('telnyx', 'webhook envelope', envelopeSchema, raw);
  const { event_type: eventType } = envelope.data;
  if (DELIVERY_EVENTS.has(eventType)) return deliveryReports(raw, envelope.data);
  if (eventType === 'message.received') return inboundMessage(raw, envelope.data);
  return [unsupported(raw, `Telnyx event ${eventType} is not supported`)];
}
