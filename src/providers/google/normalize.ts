import { PayloadParseError } from '../../errors/index.js';
import type { EventDraft } from '../../events/types.js';
import { parseInnerJson } from '../../util/inner-json.js';
import { isRecord, orUnsupported, unsupported } from '../normalize-helpers.js';
import type { ProviderRequest } from '../types.js';
import { eventBytes } from './envelope.js';
import { rbmEvent } from './events.js';
import { userMessage } from './messages.js';

/** Keys that only a UserMessage carries (ServerEvents name the user `phoneNumber`). */
const MESSAGE_KEYS = ['senderPhoneNumber', 'text', 'userFile', 'location', 'suggestionResponse'];

/**
 * One RBM event per request: the decoded `message.data` (the same bytes the signature covered) is
 * a UserMessage, a UserEvent or a ServerEvent, told apart by their keys. That decoded object is the
 * event's `raw`; the Pub/Sub envelope around it is transport only.
 *
 * Decoded data that is not a JSON object, or nests past the depth limit, throws: the pipeline passes
 * the request on as one `unsupported` event whose `raw` is the envelope. An event that fails its
 * schema becomes `unsupported` with the event as `raw`.
 */
export function normalizeGoogle(request: ProviderRequest): EventDraft[] {
  const raw = decodeEvent(eventBytes(request));
  return orUnsupported(raw, () => {
    if ('eventType' in raw) return rbmEvent(raw);
    if (MESSAGE_KEYS.some((key) => key in raw)) return userMessage(raw);
    return unsupported(raw, 'Google RBM payload of an unknown shape');
  });
}

function decodeEvent(bytes: Uint8Array): Record<string, unknown> {
  const value = parseInnerJson(bytes, 'Google RBM `message.data`', 'google');
  if (!isRecord(value)) {
    throw new PayloadParseError('invalid_payload', 'Google RBM `message.data` is not a JSON object', {
      provider: 'google',
    });
  }
  return value;
}
