import type { MessageContent } from '../../events/types.js';
import { compact } from '../../util/object.js';
import { validate } from '../normalize-helpers.js';
import { bodySchemas } from './schemas.js';

/**
 * The contents of an inbound message body, one per attachment (Bird puts several images or files in
 * one message); `undefined` for a body type rcs-webhooks does not know.
 */
export function messageContents(body: { type: string }): MessageContent[] | undefined {
  switch (body.type) {
    case 'text': {
      const { text } = validate('bird', 'text body', bodySchemas.text, body);
      // A tapped quick reply or postback button arrives as a text message carrying the button's
      // postback payload; the text is what the user saw on the chip.
      const postback = text.actions?.find((action) => action.postback != null)?.postback;
      if (postback == null) return [{ type: 'text', text: text.text }];
      return [compact({ type: 'suggestion', postbackData: postback.payload ?? undefined, text: text.text })];
    }
    case 'image': {
      const { image } = validate('bird', 'image body', bodySchemas.image, body);
      return image.images.map((item) =>
        compact({ type: 'file', url: item.mediaUrl, mimeType: item.contentType ?? undefined }),
      );
    }
    case 'file': {
      const { file } = validate('bird', 'file body', bodySchemas.file, body);
      return file.files.map((item) =>
        compact({
          type: 'file',
          url: item.mediaUrl,
          mimeType: item.contentType ?? undefined,
          name: item.filename ?? undefined,
        }),
      );
    }
    case 'location': {
      const { location } = validate('bird', 'location body', bodySchemas.location, body);
      const { latitude, longitude } = location.coordinates;
      return [
        compact({ type: 'location', latitude, longitude, label: location.location?.label ?? undefined }),
      ];
    }
    default:
      return undefined;
  }
}
