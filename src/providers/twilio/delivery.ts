import type { EventDraft } from '../../events/types.js';
import { compact } from '../../util/object.js';
import { channelOf, unsupported, validate } from '../normalize-helpers.js';
import { addressChannel, present, type TwilioParams } from './params.js';
import { statusCallbackSchema } from './schemas.js';
import { twilioStatus } from './status.js';

/**
 * A status callback: one delivery event. The channel is `ChannelPrefix` when Twilio sends it, else
 * the addresses' prefix (`rcs:`); plain phone numbers are the SMS/MMS fallback of an RCS message, and
 * Twilio does not say which of the two, so the channel is left out. Other channels (`whatsapp:`…)
 * are not RCS.
 */
export function statusCallback(raw: TwilioParams): EventDraft {
  const report = validate('twilio', 'status callback', statusCallbackSchema, raw);
  const from = present(report.From);
  const to = present(report.To);
  const marker = present(report.ChannelPrefix)?.toLowerCase() ?? addressChannel(from) ?? addressChannel(to);
  const channel = channelOf(marker);
  if (marker !== undefined && channel === undefined) {
    return unsupported(raw, `Twilio ${marker} status callbacks are not RCS`);
  }
  const code = present(report.ErrorCode);
  const message = present(report.ErrorMessage);
  // Twilio sends no timestamp and one callback per status change; the channel marker keeps an RCS
  // report and its SMS fallback's report of the same status apart.
  const id = ['delivery', report.MessageSid, report.MessageStatus, marker]
    .filter((part) => part !== undefined)
    .join(':');
  return compact({
    kind: 'delivery',
    id,
    raw,
    messageId: report.MessageSid,
    status: twilioStatus(report.MessageStatus),
    providerStatus: report.MessageStatus,
    recipient: to,
    sender: from,
    error: code === undefined && message === undefined ? undefined : compact({ code, message }),
    channel,
  });
}
