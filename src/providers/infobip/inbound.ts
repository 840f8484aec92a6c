import type { EventDraft, MessageContent } from '../../events/types.js';
import { parseDate } from '../../util/dates.js';
import { compact } from '../../util/object.js';
import {
  channelOf,
  orUnsupported,
  parseProblemOf,
  trafficTypeOf,
  unsupported,
  validate,
} from '../normalize-helpers.js';
import {
  contentPartSchema,
  inboundSchema,
  messagesApiInboundSchema,
  rcsMessageContentSchema,
} from './schemas.js';

/** RCS inbound message, or a user-action event (`interactionType: "EVENT"`, a tapped suggestion). */
export function rcsInbound(raw: unknown): EventDraft {
  const item = validate('infobip', 'inbound message', inboundSchema, raw);
  const from = item.sender ?? item.from;
  if (from === undefined) return unsupported(raw, 'Infobip inbound message without a sender');
  const parsed = rcsMessageContentSchema.safeParse(item.message);
  if (!parsed.success)
    return unsupported(raw, `Infobip inbound message type ${item.message.type} is not supported`);
  const message = parsed.data;
  const content: MessageContent =
    message.type === 'TEXT'
      ? { type: 'text', text: message.text }
      : message.type === 'FILE'
        ? compact({
            type: 'file',
            url: message.url,
            mimeType: message.contentType,
            name: message.name,
            size: message.size,
          })
        : message.type === 'LOCATION'
          ? { type: 'location', latitude: message.latitude, longitude: message.longitude }
          : compact({ type: 'suggestion', postbackData: message.postbackData, text: message.text });
  return compact({
    kind: 'inbound',
    id: `inbound:${item.messageId}`,
    raw,
    occurredAt: parseDate(item.receivedAt),
    messageId: item.messageId,
    from,
    to: item.to,
    content,
    replyToMessageId: item.pairedMessageId ?? undefined,
    conversation:
      item.conversation == null
        ? undefined
        : compact({ id: item.conversation.id ?? undefined, canInitiate: item.conversation.canInitiate }),
    trafficType: trafficTypeOf(item.trafficType) ?? trafficTypeOf(item.price?.trafficType),
  });
}

/**
 * Messages API `event: "MO"`: one inbound event per content part (usually one). A part that does not
 * fit its schema becomes `unsupported` (id `unsupported:<messageId>:<index>`), the others are normalized.
 */
export function messagesApiInbound(raw: unknown): EventDraft[] {
  const item = validate('infobip', 'inbound message', messagesApiInboundSchema, raw);
  if (item.channel !== undefined && channelOf(item.channel) === undefined) {
    return [unsupported(raw, `Infobip Messages API channel ${item.channel} is not RCS`)];
  }
  const single = item.content.length === 1;
  return item.content.flatMap((value, index) => {
    const drafts = orUnsupported(raw, () => {
      const part = validate('infobip', `inbound message content.${index}`, contentPartSchema, value);
      const content = messagesApiContent(part);
      if (content === undefined)
        return unsupported(raw, `Infobip Messages API content type ${part.type} is not supported`);
      return compact({
        kind: 'inbound',
        id: single ? `inbound:${item.messageId}` : `inbound:${item.messageId}:${index}`,
        raw,
        occurredAt: parseDate(item.receivedAt),
        messageId: item.messageId,
        from: item.sender,
        to: item.destination,
        content,
        replyToMessageId: item.pairedMessageId ?? undefined,
        trafficType: trafficTypeOf(item.trafficType),
      });
    });
    // Every part's `raw` is the whole result: the position keeps two bad parts apart.
    for (const draft of drafts)
      if (parseProblemOf(draft) !== undefined) draft.id = `unsupported:${item.messageId}:${index}`;
    return drafts;
  });
}

const FILE_TYPES = new Set(['IMAGE', 'AUDIO', 'VIDEO', 'DOCUMENT', 'FILE']);

function messagesApiContent(part: { type: string; [key: string]: unknown }): MessageContent | undefined {
  const text = typeof part.text === 'string' ? part.text : undefined;
  if (part.type === 'TEXT' && text !== undefined) return { type: 'text', text };
  if (FILE_TYPES.has(part.type) && typeof part.url === 'string') return { type: 'file', url: part.url };
  if (part.type === 'LOCATION' && typeof part.latitude === 'number' && typeof part.longitude === 'number') {
    return { type: 'location', latitude: part.latitude, longitude: part.longitude };
  }
  if (part.type === 'BUTTON_REPLY') {
    const postbackData = typeof part.payload === 'string' ? part.payload : undefined;
    return compact({ type: 'suggestion', postbackData, text });
  }
  return undefined;
}
