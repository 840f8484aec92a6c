import type { EventDraft } from '../../events/types.js';
import { parseDate } from '../../util/dates.js';
import { compact } from '../../util/object.js';
import { channelOf, unsupported, validate } from '../normalize-helpers.js';
import { statusSchema, type VonageStatusCallback } from './schemas.js';
import { vonageStatus } from './status.js';

/**
 * A message status callback (the application's Status URL). RCS, and SMS/MMS too: those are the
 * failover legs of an RCS message (Messages API `failover`), and a delivery event names its channel.
 * Other channels (WhatsApp, Viber, Messenger) are `unsupported`.
 */
export function statusCallback(raw: Record<string, unknown>): EventDraft {
  if (typeof raw.channel === 'string' && channelOf(raw.channel) === undefined) {
    return unsupported(raw, `Vonage ${raw.channel} status callbacks are not RCS, SMS or MMS traffic`);
  }
  const report = validate('vonage', 'status callback', statusSchema, raw);
  const channel = channelOf(report.channel);
  // RCS ids are `delivery:<message_uuid>:<status>`; a failover leg may reuse the message's uuid and
  // report the same status (RCS rejected, then SMS rejected), so other channels add theirs.
  const suffix = channel === 'rcs' ? '' : `:${channel}`;
  return compact({
    kind: 'delivery',
    id: `delivery:${report.message_uuid}:${report.status}${suffix}`,
    raw,
    occurredAt: parseDate(report.timestamp),
    messageId: report.message_uuid,
    status: vonageStatus(report.status),
    providerStatus: report.status,
    recipient: report.to ?? undefined,
    sender: report.from ?? undefined,
    error: errorOf(report.error),
    channel,
    callbackData: report.client_ref ?? undefined,
  });
}

function errorOf(error: VonageStatusCallback['error']): { code?: string; message?: string } | undefined {
  if (error == null) return undefined;
  const code = error.title == null ? undefined : String(error.title);
  const message = error.detail ?? undefined;
  return code === undefined && message === undefined ? undefined : compact({ code, message });
}
