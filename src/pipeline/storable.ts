import type { RcsEvent } from '../events/types.js';

/**
 * The identifier field of an event that contains U+0000 (the top-level strings and `conversation.id`,
 * which stores persist and key on), if any: PostgreSQL text cannot hold it, so such an event would fail
 * in the store on every retry. No provider sends one; message text and `raw` are not checked.
 */
export function unstorableField(event: RcsEvent): string | undefined {
  // for…in, not Object.entries: this runs for every event of every batch.
  for (const field in event) {
    if (field === 'raw') continue;
    const value = (event as unknown as Record<string, unknown>)[field];
    if (typeof value === 'string' && value.includes('\u0000')) return field;
  }
  const conversation = 'conversation' in event ? event.conversation : undefined;
  return conversation?.id?.includes('\u0000') ? 'conversation.id' : undefined;
}
