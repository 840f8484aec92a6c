import { PayloadParseError } from '../../errors/index.js';
import type { EventDraft } from '../../events/types.js';
import { isRecord, unsupported, validate } from '../normalize-helpers.js';
import type { ProviderRequest } from '../types.js';
import { capabilityResult } from './capability.js';
import { conversationStart, conversationStop } from './conversations.js';
import { deliveryReport, submitNotification } from './delivery.js';
import { inboundEvent } from './events.js';
import { inboundMessage } from './inbound.js';
import { type Envelope, envelopeSchema } from './schemas.js';
import { optNotification } from './subscription.js';

type Normalizer = (raw: unknown, envelope: Envelope, item: unknown) => EventDraft;

/**
 * The body names no trigger: each callback carries exactly one payload key. Checked in the order
 * sinch-sdk-node's `parseEvent` uses (`message` first), with the trigger each key stands for.
 */
const TRIGGERS: readonly (readonly [key: string, trigger: string, normalize?: Normalizer])[] = [
  ['message', 'MESSAGE_INBOUND', inboundMessage],
  ['message_redaction', 'MESSAGE_INBOUND_SMART_CONVERSATION_REDACTION'],
  ['message_submit_notification', 'MESSAGE_SUBMIT', submitNotification],
  ['message_delivery_report', 'MESSAGE_DELIVERY', deliveryReport],
  ['event', 'EVENT_INBOUND', inboundEvent],
  ['event_delivery_report', 'EVENT_DELIVERY'],
  ['conversation_start_notification', 'CONVERSATION_START', conversationStart],
  ['conversation_stop_notification', 'CONVERSATION_STOP', conversationStop],
  ['conversation_delete_notification', 'CONVERSATION_DELETE'],
  ['contact_create_notification', 'CONTACT_CREATE'],
  ['contact_delete_notification', 'CONTACT_DELETE'],
  ['contact_merge_notification', 'CONTACT_MERGE'],
  ['contact_update_notification', 'CONTACT_UPDATE'],
  ['duplicated_identities', 'CONTACT_IDENTITIES_DUPLICATION'],
  ['capability_notification', 'CAPABILITY', capabilityResult],
  ['opt_in_notification', 'OPT_IN', optNotification(true)],
  ['opt_out_notification', 'OPT_OUT', optNotification(false)],
  ['channel_event_notification', 'CHANNEL_EVENT'],
  ['unsupported_callback', 'UNSUPPORTED'],
  ['smart_conversation_notification', 'SMART_CONVERSATIONS'],
  ['record_notification', 'RECORD_NOTIFICATION'],
];

/**
 * One Conversation API callback is one event; `raw` is the whole callback (envelope included).
 * A body without the envelope's `app_id` / `project_id` is not a Sinch callback (400); a callback
 * with a payload key rcs-webhooks does not know is passed on unsupported.
 */
export function normalizeSinch(request: ProviderRequest): EventDraft[] {
  const body = request.json();
  if (!isRecord(body)) {
    throw new PayloadParseError('invalid_payload', 'Sinch callbacks are JSON objects', { provider: 'sinch' });
  }
  const envelope = validate('sinch', 'callback envelope', envelopeSchema, body);
  const match = TRIGGERS.find(([key]) => Object.hasOwn(body, key));
  if (match === undefined) return [unsupported(body, 'Sinch callback without a known trigger key')];
  const [key, trigger, normalize] = match;
  if (normalize === undefined) return [unsupported(body, `Sinch ${trigger} callbacks are not supported`)];
  return [normalize(body, envelope, body[key])];
}
