import type { EventDraft } from '../../events/types.js';
import { compact } from '../../util/object.js';
import { isRecord, unsupported, validate } from '../normalize-helpers.js';
import { exotelContent } from './content.js';
import { inboundErrorSchema, inboundSchema } from './schemas.js';
import { exotelTimestamp } from './timestamp.js';

/**
 * One incoming message (`callback_type` `icm` / `incoming_message`). A `content.error` means
 * Exotel received something it could not pass on: there is no content to normalize, so it is an
 * `unsupported` event whose reason carries the error (the seed's example has no `sid`, so the id
 * is the digest `unsupported()` derives from the item).
 */
export function inboundMessage(raw: unknown): EventDraft {
  if (isRecord(raw) && isRecord(raw.content) && raw.content.error !== undefined) {
    return inboundError(raw, raw.content.error);
  }
  const item = validate('exotel', 'incoming message', inboundSchema, raw);
  const { type } = item.content;
  if (type === undefined) return unsupported(raw, 'Exotel incoming message content without a type');
  const content = exotelContent(type, item.content);
  if (content === undefined) return unsupported(raw, `Exotel incoming content type ${type} is not supported`);
  return compact({
    kind: 'inbound',
    id: `inbound:${item.sid}`,
    raw,
    occurredAt: exotelTimestamp(item.timestamp),
    messageId: item.sid,
    from: item.from,
    to: item.to,
    content,
  });
}

function inboundError(raw: unknown, value: unknown): EventDraft {
  const error = validate('exotel', 'incoming message error', inboundErrorSchema, value);
  const number = error.exo_status_code?.toString();
  const name = error.exo_detailed_status;
  const code = name !== undefined && number !== undefined ? `${name} (${number})` : (name ?? number);
  const detail = [code, error.description].filter((part) => part !== undefined && part !== '').join(': ');
  return unsupported(raw, `Exotel reported an error for an incoming message${detail ? `: ${detail}` : ''}`);
}
