import type { EventDraft } from '../../events/types.js';
import { orUnsupported, parseProblemOf } from '../normalize-helpers.js';

/**
 * Normalizes one entry of a webhook (a `to[]` / `cc[]` recipient, a `media[]` item). Every event of a
 * Telnyx webhook keeps the whole webhook as `raw`, so an entry that fails its schema becomes an
 * `unsupported` event with that raw too, and `id` (derived from `data.id` and the entry's position)
 * keeps two bad entries of one webhook apart; the other entries are normalized as usual.
 */
export function entryOrUnsupported(raw: unknown, id: string, normalize: () => EventDraft): EventDraft {
  const [draft] = orUnsupported(raw, normalize) as [EventDraft];
  if (parseProblemOf(draft) !== undefined) draft.id = id;
  return draft;
}
