import type { MessageContent } from '../../events/types.js';
import { compact } from '../../util/object.js';
import { validate } from '../normalize-helpers.js';
import { contentSchemas } from './schemas.js';

/**
 * The content of a UserMessage, which carries exactly one of `text`, `userFile`, `location` or
 * `suggestionResponse`. A variant that is present but malformed is a 400; a message with none of
 * them is `undefined` (passed on unsupported by the caller).
 */
export function userMessageContent(message: Record<string, unknown>): MessageContent | undefined {
  if (message.text !== undefined) {
    return { type: 'text', text: validate('google', 'text', contentSchemas.text, message.text) };
  }
  if (message.userFile !== undefined) {
    const { payload, thumbnail } = validate('google', 'userFile', contentSchemas.userFile, message.userFile);
    return compact({
      type: 'file',
      url: payload.fileUri,
      mimeType: payload.mimeType,
      name: payload.fileName,
      size: payload.fileSizeBytes,
      thumbnail:
        thumbnail == null
          ? undefined
          : compact({ url: thumbnail.fileUri, mimeType: thumbnail.mimeType, size: thumbnail.fileSizeBytes }),
    });
  }
  if (message.location !== undefined) {
    const location = validate('google', 'location', contentSchemas.location, message.location);
    return { type: 'location', latitude: location.latitude, longitude: location.longitude };
  }
  if (message.suggestionResponse !== undefined) {
    const response = validate(
      'google',
      'suggestionResponse',
      contentSchemas.suggestionResponse,
      message.suggestionResponse,
    );
    // `type` (REPLY / ACTION) has no place in the normalized shape; it stays in `raw`.
    return compact({ type: 'suggestion', postbackData: response.postbackData, text: response.text });
  }
  return undefined;
}
