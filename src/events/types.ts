/**
 * The normalized event model (see README "Events"). Every event carries only what the
 * provider sent, plus clearly derived fields, and always keeps the provider's own object in `raw`.
 *
 * Each event kind is a union over providers (`DeliveryEvent` = `DeliveryEvent<'infobip'> | …`), so
 * `if (event.provider === 'telnyx')` narrows `event.raw` to what Telnyx's schemas validated.
 */
import type { ProviderName, ProviderRaw } from '../providers/registry.js';

export const EVENT_KINDS = [
  'delivery',
  'inbound',
  'conversationStarted',
  'conversationUpdated',
  'conversationEnded',
  'typing',
  'capability',
  'subscription',
  'unsupported',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** Normalized delivery status; `providerStatus` keeps the provider's own value. */
export const DELIVERY_STATUSES = [
  'queued',
  'sent',
  'delivered',
  'read',
  'failed',
  'expired',
  'unknown',
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * Infobip billing types: the SDK's `RcsTrafficType` values, plus `A2P` and `P2A`, which Infobip's
 * conversational-billing tutorial names as traffic types ("monitor traffic types (A2P or P2A)";
 * "P2A: Person-to-application, the end user initiated the conversation").
 */
export const TRAFFIC_TYPES = [
  'BASIC',
  'SINGLE',
  'RICH',
  'RICH_MEDIA',
  'A2P_CONVERSATION',
  'P2A_CONVERSATION',
  'A2P',
  'P2A',
] as const;
export type TrafficType = (typeof TRAFFIC_TYPES)[number];

export type Channel = 'rcs' | 'sms' | 'mms';

export interface ConversationRef {
  id?: string;
  canInitiate?: boolean;
}

export type MessageContent =
  | { type: 'text'; text: string }
  | {
      type: 'file';
      url: string;
      mimeType?: string;
      name?: string;
      size?: number;
      thumbnail?: { url: string; mimeType?: string; size?: number };
    }
  | { type: 'location'; latitude: number; longitude: number; label?: string }
  | { type: 'suggestion'; postbackData?: string; text?: string };

interface EventCommon<P extends ProviderName> {
  /** Deterministic: the same provider event delivered twice has the same id. */
  id: string;
  provider: P;
  receivedAt: Date;
  occurredAt?: Date;
}

interface EventBase<P extends ProviderName> extends EventCommon<P> {
  /**
   * The provider's own object for this event, untouched: typed by what its schemas validated
   * (`ProviderRaw[P]`); fields rcs-webhooks does not read are there too, typed `unknown`.
   */
  raw: ProviderRaw[P];
}

interface DeliveryFields {
  kind: 'delivery';
  messageId: string;
  status: DeliveryStatus;
  providerStatus: string;
  recipient?: string;
  sender?: string;
  error?: { code?: string; message?: string; permanent?: boolean };
  conversation?: ConversationRef;
  trafficType?: TrafficType;
  channel?: Channel;
  callbackData?: string;
  /** True when the store already holds a later status for this message (out-of-order report). */
  superseded?: boolean;
}
export interface DeliveryEventOf<P extends ProviderName> extends EventBase<P>, DeliveryFields {}

interface InboundFields {
  kind: 'inbound';
  messageId: string;
  from: string;
  to?: string;
  content: MessageContent;
  replyToMessageId?: string;
  conversation?: ConversationRef;
  trafficType?: TrafficType;
}
export interface InboundEventOf<P extends ProviderName> extends EventBase<P>, InboundFields {}

interface ConversationStartedFields {
  kind: 'conversationStarted';
  conversationId: string;
  type: 'A2P' | 'P2A';
  trafficType?: TrafficType;
  startsAt?: Date;
  endsAt?: Date;
  messageId?: string;
  /** True when the library inferred the session from store state instead of the provider reporting it. */
  derived: boolean;
}
export interface ConversationStartedEventOf<P extends ProviderName>
  extends EventBase<P>,
    ConversationStartedFields {}

interface ConversationUpdatedFields {
  kind: 'conversationUpdated';
  conversationId: string;
  status?: string;
}
export interface ConversationUpdatedEventOf<P extends ProviderName>
  extends EventBase<P>,
    ConversationUpdatedFields {}

interface ConversationEndedFields {
  kind: 'conversationEnded';
  conversationId: string;
  status?: string;
}
export interface ConversationEndedEventOf<P extends ProviderName>
  extends EventBase<P>,
    ConversationEndedFields {}

interface TypingFields {
  kind: 'typing';
  from: string;
  to?: string;
  active: boolean;
}
export interface TypingEventOf<P extends ProviderName> extends EventBase<P>, TypingFields {}

interface CapabilityFields {
  kind: 'capability';
  phoneNumber: string;
  enabled: boolean;
  providerStatus: string;
}
export interface CapabilityEventOf<P extends ProviderName> extends EventBase<P>, CapabilityFields {}

/**
 * The user opted in to or out of the business's messages (RBM SUBSCRIBE/UNSUBSCRIBE, Sinch OPT_IN/OPT_OUT,
 * Twilio OptOutType). Businesses must honour an unsubscribe.
 */
interface SubscriptionFields {
  kind: 'subscription';
  /** The user's address as the provider names it (phone number or provider user id). */
  user: string;
  agent?: string;
  subscribed: boolean;
  /** The keyword the user sent (`STOP`, `START`, …), when the provider reports one. */
  keyword?: string;
  providerStatus: string;
}
export interface SubscriptionEventOf<P extends ProviderName> extends EventBase<P>, SubscriptionFields {}

interface UnsupportedFields {
  kind: 'unsupported';
  reason: string;
}

export interface UnsupportedEventOf<P extends ProviderName> extends EventCommon<P>, UnsupportedFields {
  /** Whatever the provider sent that rcs-webhooks could not read: nothing about it is validated. */
  raw: unknown;
}

// Each kind distributes over providers: `DeliveryEvent<'telnyx'>` is Telnyx's, `DeliveryEvent` any provider's.
export type DeliveryEvent<P extends ProviderName = ProviderName> = P extends ProviderName
  ? DeliveryEventOf<P>
  : never;
export type InboundEvent<P extends ProviderName = ProviderName> = P extends ProviderName
  ? InboundEventOf<P>
  : never;
export type ConversationStartedEvent<P extends ProviderName = ProviderName> = P extends ProviderName
  ? ConversationStartedEventOf<P>
  : never;
export type ConversationUpdatedEvent<P extends ProviderName = ProviderName> = P extends ProviderName
  ? ConversationUpdatedEventOf<P>
  : never;
export type ConversationEndedEvent<P extends ProviderName = ProviderName> = P extends ProviderName
  ? ConversationEndedEventOf<P>
  : never;
export type TypingEvent<P extends ProviderName = ProviderName> = P extends ProviderName
  ? TypingEventOf<P>
  : never;
export type CapabilityEvent<P extends ProviderName = ProviderName> = P extends ProviderName
  ? CapabilityEventOf<P>
  : never;
export type SubscriptionEvent<P extends ProviderName = ProviderName> = P extends ProviderName
  ? SubscriptionEventOf<P>
  : never;
export type UnsupportedEvent<P extends ProviderName = ProviderName> = P extends ProviderName
  ? UnsupportedEventOf<P>
  : never;

/** Every event, discriminated on `kind` and on `provider` (which narrows `raw`). */
export type RcsEvent<P extends ProviderName = ProviderName> =
  | DeliveryEvent<P>
  | InboundEvent<P>
  | ConversationStartedEvent<P>
  | ConversationUpdatedEvent<P>
  | ConversationEndedEvent<P>
  | TypingEvent<P>
  | CapabilityEvent<P>
  | SubscriptionEvent<P>
  | UnsupportedEvent<P>;

export type EventOfKind<K extends EventKind> = Extract<RcsEvent, { kind: K }>;

/** Omit that distributes over a union, so each event keeps its own discriminated shape. */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * What a provider's normalizer produces: the pipeline stamps `provider` and `receivedAt`. Its `raw` is
 * not typed here (the provider's `ProviderRaw` entry describes what its normalizers put there).
 */
export type EventDraft = (
  | DeliveryFields
  | InboundFields
  | ConversationStartedFields
  | ConversationUpdatedFields
  | ConversationEndedFields
  | TypingFields
  | CapabilityFields
  | SubscriptionFields
  | UnsupportedFields
) & { id: string; occurredAt?: Date; raw: unknown };
