import type { EventDraft } from '../../events/types.js';
import { compact } from '../../util/object.js';
import { present } from './params.js';

interface OptOutFields {
  MessageSid: string;
  From: string;
  To?: string | undefined;
  Body?: string | undefined;
  OptOutType?: string | undefined;
}

/** Advanced Opt-Out keyword types that change a subscription; `HELP` changes none. */
const SUBSCRIBED: Readonly<Record<string, boolean>> = { STOP: false, START: true };

/**
 * The subscription change an incoming message reports: Twilio adds `OptOutType` (`STOP`, `START` or
 * `HELP`) when the whole body is an opt-out, opt-in or help keyword of a Messaging Service with
 * Advanced Opt-Out ("How to track opt-out, opt-in and help messages using the OptOutType
 * parameter"). The keyword is the body as the user sent it (`Stop`), else the type.
 */
export function optOutChange(message: OptOutFields, raw: EventDraft['raw']): EventDraft | undefined {
  const type = present(message.OptOutType);
  if (type === undefined) return undefined;
  const subscribed = SUBSCRIBED[type.toUpperCase()];
  if (subscribed === undefined) return undefined;
  return compact({
    kind: 'subscription',
    id: `subscription:${message.MessageSid}`,
    raw,
    user: message.From,
    agent: present(message.To),
    subscribed,
    keyword: present(message.Body)?.trim() || type,
    providerStatus: type,
  });
}
