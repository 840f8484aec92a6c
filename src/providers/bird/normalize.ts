import { PayloadParseError } from '../../errors/index.js';
import type { EventDraft } from '../../events/types.js';
import { isRecord, unsupported } from '../normalize-helpers.js';
import type { ProviderRequest } from '../types.js';
import { conversationEvent } from './conversations.js';
import { interaction } from './interactions.js';
import { inboundMessage, outboundStatus } from './messages.js';
import { envelopeSchema } from './schemas.js';

/**
 * Every Bird webhook is one `{ service, event, payload }` envelope (Notifications API), and `raw` is
 * that whole envelope, so handlers see the event name. Channels events are `<platform>.<kind>`.
 */
export function normalizeBird(request: ProviderRequest): EventDraft[] {
  const body = request.json();
  if (!isRecord(body)) {
    throw new PayloadParseError('invalid_payload', 'Bird webhooks are JSON objects', { provider: 'bird' });
  }
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) return [unsupported(body, 'Bird payload without a { service, event } envelope')];
  const { service, event, payload } = envelope.data;
  if (service === 'channels') return channelsEvent(body, event, payload);
  if (service === 'conversations') return [conversationEvent(body, event, payload)];
  return [unsupported(body, `Bird service ${service} is not supported`)];
}

/**
 * `rcs.inbound`, `whatsapp.outbound`, …: split on the last dot, any platform prefix (Bird's RCS
 * prefix is not confirmed in its docs). `channel.created` and other channel events are unsupported.
 */
function channelsEvent(raw: unknown, event: string, payload: unknown): EventDraft[] {
  const dot = event.lastIndexOf('.');
  const platform = event.slice(0, Math.max(dot, 0));
  const kind = event.slice(dot + 1);
  if (platform !== '' && platform !== 'channel') {
    if (kind === 'inbound') return inboundMessage(raw, event, payload);
    if (kind === 'outbound') return [outboundStatus(raw, event, platform, payload)];
    if (kind === 'interaction') return [interaction(raw, event, platform, payload)];
  }
  return [unsupported(raw, `Bird channels event ${event} is not supported`)];
}
