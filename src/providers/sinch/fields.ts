import type { ConversationRef } from '../../events/types.js';
import { parseDate } from '../../util/dates.js';
import { compact } from '../../util/object.js';
import type { Envelope } from './schemas.js';
import { sinchPermanent } from './status.js';

/** Sinch sends `""` for ids it does not have (DISPATCH mode, no sender): read as absent. */
export function present(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value === '' ? undefined : value;
}

/**
 * When the event happened: `event_time` ("as provided by the underlying channel"), else the item's
 * own `accept_time`, else the envelope's `accepted_time` (both: when the Conversation API got it).
 */
export function occurredAt(envelope: Envelope, acceptTime?: string | null): Date | undefined {
  return parseDate(present(envelope.event_time) ?? present(acceptTime) ?? present(envelope.accepted_time));
}

/**
 * The Conversation API conversation (one app ↔ one contact thread), when Sinch stored one. It is
 * not an RCS billing session: nothing about RCS conversation windows is derived from it.
 */
export function conversationRef(conversationId: string | null | undefined): ConversationRef | undefined {
  const id = present(conversationId);
  return id === undefined ? undefined : { id };
}

/** `reason` as the normalized error, with `permanent` where the code's documented meaning says; `sub_code` stays in `raw`. */
export function errorOf(
  reason: { code?: string | null | undefined; description?: string | null | undefined } | null | undefined,
): { code?: string; message?: string; permanent?: boolean } | undefined {
  if (reason === null || reason === undefined) return undefined;
  const code = present(reason.code);
  const error = compact({ code, message: present(reason.description), permanent: sinchPermanent(code) });
  return Object.keys(error).length === 0 ? undefined : error;
}
