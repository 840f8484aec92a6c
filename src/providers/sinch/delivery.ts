import type { EventDraft } from '../../events/types.js';
import { compact } from '../../util/object.js';
import { channelOf, validate } from '../normalize-helpers.js';
import { conversationRef, errorOf, occurredAt, present } from './fields.js';
import { deliveryReportSchema, type Envelope, submitNotificationSchema } from './schemas.js';
import { sinchStatus } from './status.js';

// Reports are normalized on every channel: after a fallback (RCS → SMS, or → WhatsApp) they are
// still the fate of the message the app sent. `channel` is set for RCS, SMS and MMS only; any
// other channel stays in `raw` (and in the id).

/** `delivery:<message>:<status>:<channel>`: after a fallback one message reports the same status twice. */
function reportId(messageId: string, status: string, identity: { channel: string } | null | undefined) {
  return ['delivery', messageId, status, identity?.channel].filter((part) => part !== undefined).join(':');
}

/** MESSAGE_DELIVERY. */
export function deliveryReport(raw: unknown, envelope: Envelope, item: unknown): EventDraft {
  const report = validate('sinch', 'message_delivery_report', deliveryReportSchema, item);
  const identity = report.channel_identity;
  return compact({
    kind: 'delivery',
    id: reportId(report.message_id, report.status, identity),
    raw,
    occurredAt: occurredAt(envelope),
    messageId: report.message_id,
    status: sinchStatus(report.status, report.reason?.code),
    providerStatus: report.status,
    recipient: identity?.identity,
    error: errorOf(report.reason),
    conversation: conversationRef(report.conversation_id),
    channel: channelOf(identity?.channel),
    // `metadata` echoes the send request's `message_metadata`.
    callbackData: present(report.metadata),
  });
}

/**
 * MESSAGE_SUBMIT: "the app message was submitted to a channel", before any delivery receipt. A
 * `sent` report whose provider status is the trigger's name (the payload has no status field).
 */
export function submitNotification(raw: unknown, envelope: Envelope, item: unknown): EventDraft {
  const notification = validate('sinch', 'message_submit_notification', submitNotificationSchema, item);
  const identity = notification.channel_identity;
  return compact({
    kind: 'delivery',
    id: reportId(notification.message_id, 'MESSAGE_SUBMIT', identity),
    raw,
    occurredAt: occurredAt(envelope),
    messageId: notification.message_id,
    status: 'sent',
    providerStatus: 'MESSAGE_SUBMIT',
    recipient: identity?.identity,
    conversation: conversationRef(notification.conversation_id),
    channel: channelOf(identity?.channel),
    callbackData: present(notification.metadata),
  });
}
