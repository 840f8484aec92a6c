import type { MessageContent } from '../../events/types.js';
import { compact } from '../../util/object.js';
import { validate } from '../normalize-helpers.js';
import { bodyVariantSchemas } from './schemas.js';

/**
 * `payload.body` of an inbound RCS message as normalized content, checking the variants in the
 * order Telnyx's own handler examples do. A variant that is present but malformed throws a
 * PayloadParseError; a body with none of them is `undefined` (the caller passes it on unsupported).
 */
export function rcsContent(body: Record<string, unknown>): MessageContent | undefined {
  if (body.text !== undefined) {
    const text = validate('telnyx', 'body.text', bodyVariantSchemas.text, body.text);
    if (typeof text === 'string') return { type: 'text', text };
    // The object form (telnyx-node `Body.Body`): its `body` is the text; without one there is none.
    return text.body === undefined ? undefined : { type: 'text', text: text.body };
  }
  if (body.user_file !== undefined) {
    const file = validate('telnyx', 'body.user_file', bodyVariantSchemas.user_file, body.user_file);
    const { payload, thumbnail } = file;
    return compact({
      type: 'file',
      url: payload.file_uri,
      mimeType: payload.mime_type,
      name: payload.file_name,
      size: payload.file_size_bytes,
      // The thumbnail's own file name has no place in the normalized shape; it stays in `raw`.
      thumbnail:
        thumbnail == null
          ? undefined
          : compact({
              url: thumbnail.file_uri,
              mimeType: thumbnail.mime_type,
              size: thumbnail.file_size_bytes,
            }),
    });
  }
  if (body.location !== undefined) {
    const location = validate('telnyx', 'body.location', bodyVariantSchemas.location, body.location);
    return compact({
      type: 'location',
      latitude: location.latitude,
      longitude: location.longitude,
      label: location.label,
    });
  }
  if (body.suggestion_response !== undefined) {
    const response = validate(
      'telnyx',
      'body.suggestion_response',
      bodyVariantSchemas.suggestion_response,
      body.suggestion_response,
    );
    return compact({ type: 'suggestion', postbackData: response.postback_data, text: response.text });
  }
  return undefined;
}
