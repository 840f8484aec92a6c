import type { MessageRecord, StatusChange } from '../../src/store/types.js';
import { messageRecord } from '../shared/records.js';
import { unescapeText, unescapeValue } from '../shared/text-escape.js';
import type { PgRow } from './pool.js';

export function toMessage(provider: string, messageId: string, row: PgRow): MessageRecord {
  return messageRecord(provider, messageId, {
    status: String(row.status),
    providerStatus: unescapeText(String(row.provider_status)),
    recipient: nullableText(row.recipient),
    sender: nullableText(row.sender),
    history: json<StatusChange[]>(row.history),
  });
}

/**
 * A jsonb value as the store wrote it (`escapedJson`), its strings unescaped. jsonb arrives parsed
 * with pg's default type parsers, as text with custom ones.
 */
export function json<T>(value: unknown): T {
  return unescapeValue((typeof value === 'string' ? JSON.parse(value) : value) as T);
}

/** A text column as the store wrote it (`escapeText`), unescaped. */
function nullableText(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : unescapeText(String(value));
}
