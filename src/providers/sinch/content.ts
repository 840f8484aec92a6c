import type { z } from 'zod';
import type { MessageContent } from '../../events/types.js';
import { compact } from '../../util/object.js';
import { validate } from '../normalize-helpers.js';
import { present } from './fields.js';
import { contentSchemas, replyToSchema } from './schemas.js';

export type ContactContent =
  | { content: MessageContent; replyToMessageId?: string }
  | { content?: undefined; reason: string };

// Variants with no normalized form: Sinch could not map the channel message (`fallback_message`),
// or they exist only on WhatsApp (`product_response_message`, `channel_specific_message`).
const UNMAPPED = ['fallback_message', 'product_response_message', 'channel_specific_message'];

function variant<Schema extends z.ZodType>(
  message: Record<string, unknown>,
  key: keyof typeof contentSchemas,
  schema: Schema,
): z.output<Schema> | undefined {
  const value = message[key];
  return value === null || value === undefined
    ? undefined
    : validate('sinch', `contact_message.${key}`, schema, value);
}

/**
 * `contact_message` (exactly one variant, plus an optional `reply_to`) as normalized content.
 * A variant that is present but malformed is a 400; an unmapped or unknown one is a reason to pass
 * the callback on unsupported.
 */
export function contactContent(message: Record<string, unknown>): ContactContent {
  const replyTo = present(
    validate('sinch', 'contact_message.reply_to', replyToSchema, message.reply_to)?.message_id,
  );
  const text = variant(message, 'text_message', contentSchemas.text_message);
  if (text) return compact({ content: { type: 'text', text: text.text }, replyToMessageId: replyTo });
  const media = variant(message, 'media_message', contentSchemas.media_message);
  if (media) {
    const thumbnail = present(media.thumbnail_url);
    const content = compact({
      type: 'file',
      url: media.url,
      name: present(media.filename_override),
      thumbnail: thumbnail === undefined ? undefined : { url: thumbnail },
    });
    return compact({ content, replyToMessageId: replyTo });
  }
  // The caption has no place in the normalized file content: it stays in `raw`.
  const card = variant(message, 'media_card_message', contentSchemas.media_card_message);
  if (card) return compact({ content: { type: 'file', url: card.url }, replyToMessageId: replyTo });
  // `title` is the text of the link to a map, not a name for the place: only `label` is normalized.
  const location = variant(message, 'location_message', contentSchemas.location_message);
  if (location) {
    const { latitude, longitude } = location.coordinates;
    const content = compact({ type: 'location', latitude, longitude, label: present(location.label) });
    return compact({ content, replyToMessageId: replyTo });
  }
  // An RCS suggested reply or action tap; `message_id` is the message that carried the suggestion.
  const choice = variant(message, 'choice_response_message', contentSchemas.choice_response_message);
  if (choice) {
    return compact({
      content: { type: 'suggestion', postbackData: choice.postback_data },
      replyToMessageId: replyTo ?? present(choice.message_id),
    });
  }
  const keys = Object.keys(message).filter((key) => key !== 'reply_to');
  const unmapped = keys.find((key) => UNMAPPED.includes(key));
  if (unmapped !== undefined) return { reason: `Sinch ${unmapped} contact messages are not supported` };
  return { reason: `Sinch contact message (keys: ${keys.join(', ') || 'none'}) is not supported` };
}
