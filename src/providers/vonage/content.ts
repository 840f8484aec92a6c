import type { z } from 'zod';
import type { MessageContent } from '../../events/types.js';
import { compact } from '../../util/object.js';
import { validate } from '../normalize-helpers.js';
import { contentSchemas } from './schemas.js';

/** Media message types: each carries `{ url, name? }` under its own key (`image: {…}`, `vcard: {…}`). */
const MEDIA_TYPES = new Set(['image', 'video', 'audio', 'file', 'vcard']);

/**
 * The content of an inbound RCS message, read from the key named by `message_type`; `undefined` for
 * a type rcs-webhooks does not know. Captions and addresses have no normalized field: they stay in `raw`.
 */
export function inboundContent(type: string, message: Record<string, unknown>): MessageContent | undefined {
  const read = <Schema extends z.ZodType>(schema: Schema): z.output<Schema> =>
    validate('vonage', `inbound ${type} message (its "${type}" field)`, schema, message[type]);

  if (type === 'text') return { type: 'text', text: read(contentSchemas.text) };
  if (MEDIA_TYPES.has(type)) {
    const media = read(contentSchemas.media);
    return compact({ type: 'file', url: media.url, name: media.name ?? undefined });
  }
  if (type === 'location') {
    const location = read(contentSchemas.location);
    return compact({
      type: 'location',
      latitude: location.lat,
      longitude: location.long,
      label: location.name ?? undefined,
    });
  }
  if (type === 'reply') {
    const reply = read(contentSchemas.reply);
    return compact({
      type: 'suggestion',
      postbackData: reply.id ?? undefined,
      text: reply.title ?? undefined,
    });
  }
  if (type === 'button') {
    const button = read(contentSchemas.button);
    return compact({
      type: 'suggestion',
      postbackData: button.payload ?? undefined,
      text: button.text ?? undefined,
    });
  }
  return undefined;
}
