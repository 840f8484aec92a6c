import type { ConversationQuery, ConversationRecord } from '../../src/store/types.js';

/**
 * memoryStore's rule for findConversation: that provider and user (and agent, when asked), open at
 * `query.at` (default now), the latest start winning; the first candidate wins a tie.
 */
export function pickOpenConversation(
  candidates: Iterable<ConversationRecord>,
  query: ConversationQuery,
  now: number,
): ConversationRecord | undefined {
  const at = query.at === undefined ? now : +query.at;
  let found: ConversationRecord | undefined;
  for (const record of candidates) {
    if (record.provider !== query.provider || record.user !== query.user) continue;
    if (query.agent !== undefined && record.agent !== query.agent) continue;
    if (record.startsAt !== undefined && at < record.startsAt) continue;
    if (record.endsAt !== undefined && at >= record.endsAt) continue;
    if (found === undefined || (record.startsAt ?? 0) > (found.startsAt ?? 0)) found = record;
  }
  return found;
}
