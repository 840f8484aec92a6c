import type { EventDraft } from '../../events/types.js';
import { parseDate } from '../../util/dates.js';
import { compact } from '../../util/object.js';
import { channelOf, unsupported, validate } from '../normalize-helpers.js';
import { entryOrUnsupported } from './entries.js';
import { type EnvelopeData, outboundMessageSchema, recipientSchema } from './schemas.js';
import { telnyxStatus } from './status.js';

/**
 * `message.sent`, `message.finalized` and `message.read`: one delivery event per recipient, the
 * `to[]` entries then the `cc[]` entries (RCS messages have exactly one `to[]`; an MMS group has
 * several, each with its own status). `raw` is the whole webhook.
 *
 * The id is `data.id` (Telnyx's event id, its documented dedupe key) plus the event type and the
 * status, and the recipient when there are several: should Telnyx ever reuse one `data.id` across
 * a message's sent, finalized and read webhooks, they still get distinct ids.
 */
export function deliveryReports(raw: unknown, data: EnvelopeData): EventDraft[] {
  const what = `${data.event_type} payload`;
  const message = validate('telnyx', what, outboundMessageSchema, data.payload);
  const entries = [
    ...(message.to ?? []).map((entry, index) => ({ entry, path: `to.${index}` })),
    ...(message.cc ?? []).map((entry, index) => ({ entry, path: `cc.${index}` })),
  ];
  if (entries.length === 0) return [unsupported(raw, `Telnyx ${data.event_type} without recipients`)];
  const error = message.errors?.[0];
  const code = error?.code == null ? undefined : String(error.code);
  const several = entries.length > 1;
  return entries.map(({ entry, path }) =>
    entryOrUnsupported(raw, `unsupported:${data.id}:${data.event_type}:${path}`, () => {
      const recipient = validate('telnyx', `${data.event_type} ${path}`, recipientSchema, entry);
      const id = ['delivery', data.id, data.event_type, recipient.status];
      if (several) id.push(recipient.phone_number ?? path);
      return compact({
        kind: 'delivery',
        id: id.join(':'),
        raw,
        occurredAt: parseDate(data.occurred_at),
        messageId: message.id,
        status: telnyxStatus(recipient.status),
        providerStatus: recipient.status,
        recipient: recipient.phone_number,
        sender: message.from?.agent_id ?? message.from?.phone_number,
        // Only the first entry of `errors[]` is normalized; every entry stays in `raw`.
        error: error === undefined ? undefined : compact({ code, message: error.detail ?? error.title }),
        channel: channelOf(message.type),
      });
    }),
  );
}
