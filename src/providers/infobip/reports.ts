import type { EventDraft } from '../../events/types.js';
import { parseDate } from '../../util/dates.js';
import { compact } from '../../util/object.js';
import { channelOf, trafficTypeOf, validate } from '../normalize-helpers.js';
import { deliveryReportSchema, seenReportSchema } from './schemas.js';
import { infobipStatus } from './status.js';

/** RCS API delivery report, or Messages API `event: "DELIVERY"` (which names the user `destination`). */
export function deliveryReport(raw: unknown): EventDraft {
  const report = validate('infobip', 'delivery report', deliveryReportSchema, raw);
  const { status, error, conversation } = report;
  const channel = channelOf(report.channel);
  // One message can report the same status twice on failover (RCS, then SMS): the channel is part of the id.
  const id = ['delivery', report.messageId, status.groupName, status.name ?? status.id, report.channel]
    .filter((part) => part !== undefined)
    .join(':');
  const hasError = error != null && error.groupName !== 'OK' && error.id !== 0;
  return compact({
    kind: 'delivery',
    id,
    raw,
    occurredAt: parseDate(report.doneAt ?? report.sentAt),
    messageId: report.messageId,
    status: infobipStatus(status.groupName, status.name),
    providerStatus: status.name ?? status.groupName,
    recipient: report.to ?? report.destination,
    sender: report.sender,
    error: hasError
      ? compact({
          code: error.name ?? error.id?.toString(),
          message: error.description,
          permanent: error.permanent,
        })
      : undefined,
    conversation:
      conversation == null
        ? undefined
        : compact({ id: conversation.id ?? undefined, canInitiate: conversation.canInitiate }),
    trafficType: trafficTypeOf(report.trafficType) ?? trafficTypeOf(report.price?.trafficType),
    channel,
    callbackData: report.callbackData,
  });
}

/** RCS seen report (`from` = user, `to` = agent) or Messages API seen (`destination` = user). */
export function seenReport(raw: unknown): EventDraft {
  const report = validate('infobip', 'seen report', seenReportSchema, raw);
  return compact({
    kind: 'delivery',
    id: `read:${report.messageId}`,
    raw,
    occurredAt: parseDate(report.seenAt),
    messageId: report.messageId,
    status: 'read',
    providerStatus: 'SEEN',
    recipient: report.from ?? report.destination,
    sender: report.destination === undefined ? report.to : report.sender,
    trafficType: trafficTypeOf(report.trafficType),
    channel: channelOf(report.channel),
    callbackData: report.callbackData,
  });
}
