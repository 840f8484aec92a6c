import type { MessageRecord, StatusChange } from '../../src/store/types.js';
import { messageRecord } from '../shared/records.js';
import { text } from './replies.js';

/** The hash fields read back, in this order (HMGET). */
export const MESSAGE_FIELDS = ['status', 'providerStatus', 'recipient', 'sender', 'history'] as const;

export function readMessage(
  provider: string,
  messageId: string,
  fields: unknown[],
): MessageRecord | undefined {
  const [status, providerStatus, recipient, sender, history] = fields.map(text);
  if (status === undefined) return undefined;
  return messageRecord(provider, messageId, {
    status,
    providerStatus: providerStatus ?? '',
    recipient,
    sender,
    history: JSON.parse(history ?? '[]') as StatusChange[],
  });
}
