import { PayloadParseError } from '../../errors/index.js';
import type { EventDraft } from '../../events/types.js';
import { isRecord, orUnsupported, unsupported } from '../normalize-helpers.js';
import type { ProviderRequest } from '../types.js';
import { capability, conversationStarted, typing } from './events.js';
import { messagesApiInbound, rcsInbound } from './inbound.js';
import { deliveryReport, seenReport } from './reports.js';

/**
 * Infobip sends no event-type header, so each payload is classified by its shape. Every report
 * webhook is `{ results: [...] }` (one event per result, in order); the capability check is not.
 */
export function normalizeInfobip(request: ProviderRequest): EventDraft[] {
  const body = request.json();
  if (!isRecord(body)) {
    throw new PayloadParseError('invalid_payload', 'Infobip webhooks are JSON objects', {
      provider: 'infobip',
    });
  }
  if (isRecord(body.capabilityCheckResult)) return [capability(body)];
  if (!Array.isArray(body.results)) return [unsupported(body, 'Infobip payload without `results`')];
  // One result that does not fit its schema becomes `unsupported`; the others are normalized as usual.
  return body.results.flatMap((item) => orUnsupported(item, () => normalizeResult(item)));
}

function normalizeResult(item: unknown): EventDraft | EventDraft[] {
  if (!isRecord(item)) return unsupported(item, 'Infobip result that is not an object');
  const { event } = item;

  if (typeof event === 'string') {
    // Messages API (channel-agnostic) webhooks name their kind in `event`.
    switch (event) {
      case 'DELIVERY':
        return deliveryReport(item);
      case 'MO':
        return messagesApiInbound(item);
      case 'TYPING_STARTED':
        return typing(item, true);
      case 'TYPING_STOPPED':
        return typing(item, false);
      default:
        if ('seenAt' in item) return seenReport(item);
        return unsupported(item, `Infobip event ${event} is not supported`);
    }
  }
  if (isRecord(event)) {
    if (event.type === 'CONVERSATION_STARTED') return conversationStarted(item);
    if (event.type === 'TYPING_INDICATOR') return typing(item, true);
    return unsupported(item, `Infobip event type ${String(event.type)} is not supported`);
  }
  if (isRecord(item.message)) return rcsInbound(item);
  if ('seenAt' in item) return seenReport(item);
  if (isRecord(item.status)) return deliveryReport(item);
  return unsupported(item, 'Infobip result of an unknown shape');
}
