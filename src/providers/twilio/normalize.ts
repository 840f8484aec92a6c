import { PayloadParseError } from '../../errors/index.js';
import type { EventDraft } from '../../events/types.js';
import { isRecord, unsupported, validate } from '../normalize-helpers.js';
import type { ProviderRequest } from '../types.js';
import { isJsonRequest } from './content-type.js';
import { twilioForm } from './decode-form.js';
import { statusCallback } from './delivery.js';
import { incomingMessage } from './inbound.js';
import { paramsObject } from './params.js';
import { messageSchema } from './schemas.js';

/**
 * Twilio posts one form per webhook: a status callback carries `MessageStatus`; an incoming message
 * carries none (its `SmsStatus` is `received`). JSON bodies (the `bodySHA256` scheme) are verified,
 * but no RCS messaging payload of that form is documented, so they are passed on as `unsupported`.
 */
export function normalizeTwilio(request: ProviderRequest): EventDraft[] {
  if (isJsonRequest(request)) {
    const body = request.json();
    if (!isRecord(body)) {
      throw new PayloadParseError('invalid_payload', 'Twilio JSON webhooks are objects', {
        provider: 'twilio',
      });
    }
    return [unsupported(body, 'Twilio JSON webhook bodies are not normalized')];
  }
  const raw = paramsObject(twilioForm(request));
  const message = validate('twilio', 'webhook', messageSchema, raw);
  if (message.MessageStatus !== undefined) return [statusCallback(raw)];
  if (message.SmsStatus === undefined || message.SmsStatus === 'received') return incomingMessage(raw);
  return [unsupported(raw, `Twilio webhook with SmsStatus ${message.SmsStatus} and no MessageStatus`)];
}
