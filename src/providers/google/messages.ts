import type { EventDraft } from '../../events/types.js';
import { parseDate } from '../../util/dates.js';
import { compact } from '../../util/object.js';
import { unsupported, validate } from '../normalize-helpers.js';
import { userMessageContent } from './content.js';
import { userMessageSchema } from './schemas.js';

/** A UserMessage: the user (`senderPhoneNumber`) wrote to the agent (`agentId`). */
export function userMessage(raw: Record<string, unknown>): EventDraft {
  const message = validate('google', 'user message', userMessageSchema, raw);
  const content = userMessageContent(raw);
  if (content === undefined) {
    return unsupported(
      raw,
      `Google RBM user message (keys: ${Object.keys(raw).join(', ')}) has no supported content`,
    );
  }
  return compact({
    kind: 'inbound',
    // The messageId is assigned by the user's RCS client and is Google's documented dedupe key.
    id: `inbound:${message.messageId}`,
    raw,
    occurredAt: parseDate(message.sendTime),
    messageId: message.messageId,
    from: message.senderPhoneNumber,
    to: message.agentId,
    content,
  });
}
