import type { Channel, EventDraft } from '../../events/types.js';
import { compact } from '../../util/object.js';
import { validate } from '../normalize-helpers.js';
import { deliveryReportSchema } from './schemas.js';
import { exotelStatus } from './status.js';
import { exotelTimestamp } from './timestamp.js';

const FAILED = new Set(['failed', 'expired']);

/**
 * One DLR from `rcs.messages[]` (channel `rcs`), `sms.messages[]` (the SMS fallback: `sid` is still
 * the RCS message's, `message_sid` the SMS's) or a flat body (no channel: the page does not say).
 */
export function deliveryReport(raw: unknown, channel: Channel | undefined): EventDraft {
  const report = validate('exotel', 'delivery report', deliveryReportSchema, raw);
  const code = report.exo_status_code?.toString();
  const name = report.exo_detailed_status ?? report.status;
  const status = exotelStatus(name, code);
  // The same message reports each status once per channel: sid + code (+ channel) is unique.
  const id = ['delivery', report.sid, code ?? name, channel].filter((part) => part !== undefined).join(':');
  return compact({
    kind: 'delivery',
    id,
    raw,
    occurredAt: exotelTimestamp(report.timestamp),
    messageId: report.sid,
    status,
    // The schema guarantees a name or a code.
    providerStatus: name ?? code ?? '',
    recipient: report.to,
    error: FAILED.has(status)
      ? compact({ code: code ?? name, message: report.description ?? undefined })
      : undefined,
    channel,
    callbackData: report.custom_data ?? undefined,
  });
}
