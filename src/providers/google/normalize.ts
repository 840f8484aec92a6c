import { PayloadParseError } from '../../errors/index.js';
import type { EventDraft } from '../../events/types.js';
import { isRecord, unsupported } from '../normalize-helpers.js';
import type { ProviderRequest } from '../types.js';
import { eventBytes } from './envelope.js';
import { rbmEvent } from './events.js';
import { userMessage } from './messages.js';

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Keys that only a UserMessage carries (ServerEvents name the user `phoneNumber`). */
const MESSAGE_KEYS = ['senderPhoneNumber', 'text', 'userFile', 'location', 'suggestionResponse'];

/**
 * One RBM event per request: the decoded `message.data` (the same bytes the signature covered) is
 * a UserMessage, a UserEvent or a ServerEvent, told apart by their keys. That decoded object is the
 * event's `raw`; the Pub/Sub envelope around it is transport only.
 */
export function normalizeGoogle(request: ProviderRequest): EventDraft[] {
  const raw = decodeEvent(eventBytes(request));
  if ('eventType' in raw) return [rbmEvent(raw)];
  if (MESSAGE_KEYS.some((key) => key in raw)) return [userMessage(raw)];
  return [unsupported(raw, 'Google RBM payload of an unknown shape')];
}

function decodeEvent(bytes: Uint8Array): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(UTF8.decode(bytes));
  } catch (error) {
    throw new PayloadParseError('malformed_body', 'Google RBM `message.data` is not UTF-8 JSON', {
      provider: 'google',
      cause: error,
    });
  }
  if (!isRecord(value)) {
    throw new PayloadParseError('invalid_payload', 'Google RBM `message.data` is not a JSON object', {
      provider: 'google',
    });
  }
  return value;
}
