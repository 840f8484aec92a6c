import { PayloadParseError } from '../../errors/index.js';
import type { EventDraft } from '../../events/types.js';
import { isRecord, unsupported } from '../normalize-helpers.js';
import type { ProviderRequest } from '../types.js';
import { statusCallback } from './delivery.js';
import { inboundMessage } from './inbound.js';

/**
 * One event per request. Vonage posts inbound messages and status callbacks to two URLs, but both may
 * point here, so the shape decides: every Messages API webhook names its `channel`; a status callback
 * has `status`, an inbound message `message_type`.
 */
export function normalizeVonage(request: ProviderRequest): EventDraft[] {
  const body = request.json();
  if (!isRecord(body)) {
    throw new PayloadParseError('invalid_payload', 'Vonage webhooks are JSON objects', {
      provider: 'vonage',
    });
  }
  if (!('channel' in body)) return [unsupported(body, 'Vonage payload without a channel')];
  if ('status' in body) return [statusCallback(body)];
  if ('message_type' in body) return [inboundMessage(body)];
  return [unsupported(body, 'Vonage payload that is neither a status callback nor an inbound message')];
}
