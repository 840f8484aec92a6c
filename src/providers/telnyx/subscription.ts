import type { EventDraft } from '../../events/types.js';
import { parseDate } from '../../util/dates.js';
import { compact } from '../../util/object.js';
import type { EnvelopeData } from './schemas.js';

// `autoresponse_type` on message.received: the keyword operation Telnyx recognized and answered
// ("Advanced Opt-In/Out": `stop` creates a block rule at the messaging-profile level, `start` removes
// it, `help` changes nothing). https://developers.telnyx.com/docs/messaging/messages/advanced-opt-in-out
const SUBSCRIBED = new Map([
  ['STOP', false],
  ['START', true],
]);

/** A `subscription` event when Telnyx reports an opt-out (STOP) or opt-in (START) keyword. */
export function subscriptionOf(
  raw: unknown,
  data: EnvelopeData,
  type: string | undefined,
  user: string,
  agent: string | undefined,
): EventDraft | undefined {
  const subscribed = type === undefined ? undefined : SUBSCRIBED.get(type.trim().toUpperCase());
  if (type === undefined || subscribed === undefined) return undefined;
  return compact({
    kind: 'subscription',
    id: `subscription:${data.id}`,
    raw,
    occurredAt: parseDate(data.occurred_at),
    user,
    agent,
    subscribed,
    providerStatus: type,
  });
}
