import { PayloadParseError } from '../errors/index.js';
import type { RcsEvent } from '../events/types.js';

/**
 * Refuses events whose identifiers (the top-level strings and `conversation.id`, which stores
 * persist and key on) contain U+0000: PostgreSQL text cannot hold it, so such an event would fail
 * in the store on every retry. No provider sends one; message text and `raw` are not checked.
 */
export function assertStorable(events: readonly RcsEvent[], provider: string): void {
  for (const event of events) {
    // for…in, not Object.entries: this runs for every event of every batch.
    for (const field in event) {
      if (field === 'raw') continue;
      const value = (event as unknown as Record<string, unknown>)[field];
      if (typeof value === 'string' && value.includes('\u0000')) refuse(field, provider);
    }
    const conversation = 'conversation' in event ? event.conversation : undefined;
    if (conversation?.id?.includes('\u0000')) refuse('conversation.id', provider);
  }
}

function refuse(field: string, provider: string): never {
  throw new PayloadParseError('invalid_payload', `the ${field} of an event contains a NUL character`, {
    provider,
  });
}
