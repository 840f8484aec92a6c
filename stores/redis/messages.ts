import type { MessageRecord, StatusChange } from '../../src/store/types.js';
import { messageRecord } from '../shared/records.js';
import { unescapeText } from '../shared/text-escape.js';
import { text } from './replies.js';

/** The hash fields read back, in this order (HMGET). */
export const MESSAGE_FIELDS = ['status', 'providerStatus', 'recipient', 'sender', 'history'] as const;

export function readMessage(
  provider: string,
  messageId: string,
  fields: unknown[],
): MessageRecord | undefined {
  const [status, providerStatus, recipient, sender, history] = fields.map(text);
  const unescaped = (value: string | undefined) => (value === undefined ? undefined : unescapeText(value));
  if (status === undefined) return undefined;
  return messageRecord(provider, messageId, {
    status,
    providerStatus: unescapeText(providerStatus ?? ''),
    recipient: unescaped(recipient),
    sender: unescaped(sender),
    history: JSON.parse(history ?? '[]') as StatusChange[],
  });
}
