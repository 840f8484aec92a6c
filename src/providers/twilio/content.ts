import type { MessageContent } from '../../events/types.js';
import { compact } from '../../util/object.js';
import { validate } from '../normalize-helpers.js';
import { present, type TwilioParams } from './params.js';
import { locationSchema, mediaTypeSchema, mediaUrlSchema } from './schemas.js';

/** One content of an incoming message and the suffix that makes its event id unique. */
export interface ContentPart {
  suffix: string;
  content: MessageContent;
}

interface IncomingFields {
  Body?: string | undefined;
  NumMedia?: string | undefined;
  ButtonPayload?: string | undefined;
  ButtonText?: string | undefined;
  Latitude?: string | undefined;
  Longitude?: string | undefined;
  Label?: string | undefined;
}

/**
 * The contents of an incoming RCS message. A tapped suggestion (`ButtonPayload` / `ButtonText`) is
 * the whole message: its `Body` repeats the chip text. Otherwise the text (`Body`), a shared location
 * and every media item each become one content, in that order: `inbound:<sid>` for the text,
 * `inbound:<sid>:location`, and `inbound:<sid>:<N>` for media item N (Twilio's zero-based index).
 */
export function incomingContents(message: IncomingFields, raw: TwilioParams): ContentPart[] {
  const postbackData = present(message.ButtonPayload);
  const buttonText = present(message.ButtonText);
  if (postbackData !== undefined || buttonText !== undefined) {
    // Not decoded: since 2025-07-14 the payload is the Content API button id verbatim; older traffic
    // may carry it base64-encoded (Twilio changelog "rcs-button-payload").
    return [{ suffix: '', content: compact({ type: 'suggestion', postbackData, text: buttonText }) }];
  }
  const parts: ContentPart[] = [];
  const text = present(message.Body);
  if (text !== undefined) parts.push({ suffix: '', content: { type: 'text', text } });
  if (present(message.Latitude) !== undefined || present(message.Longitude) !== undefined) {
    const { Latitude, Longitude } = validate('twilio', 'shared location', locationSchema, raw);
    parts.push({
      suffix: ':location',
      content: compact({
        type: 'location',
        latitude: Latitude,
        longitude: Longitude,
        label: present(message.Label),
      }),
    });
  }
  const count = Number(message.NumMedia ?? '0');
  for (let index = 0; index < count; index++) {
    const url = validate('twilio', `MediaUrl${index}`, mediaUrlSchema, raw[`MediaUrl${index}`]);
    const mimeType = validate(
      'twilio',
      `MediaContentType${index}`,
      mediaTypeSchema,
      raw[`MediaContentType${index}`],
    );
    parts.push({
      suffix: `:${index}`,
      content: compact({ type: 'file', url, mimeType: present(mimeType) }),
    });
  }
  return parts;
}
