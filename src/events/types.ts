/**
 * The normalized event model (see README "Events"). Every event carries only what the
 * provider sent, plus clearly derived fields, and always keeps the provider's own object in `raw`.
 */

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

interface EventBase {
  /** Deterministic: the same provider event delivered twice has the same id. */
  id: string;
  provider: string;
  receivedAt: Date;
  occurredAt?: Date;
  /** The provider's own object for this event, untouched. */
  raw: unknown;
}

export interface DeliveryEvent extends EventBase {
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

export interface InboundEvent extends EventBase {
  kind: 'inbound';
  messageId: string;
  from: string;
  to?: string;
  content: MessageContent;
  replyToMessageId?: string;
  conversation?: ConversationRef;
  trafficType?: TrafficType;
}

export interface ConversationStartedEvent extends EventBase {
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

export interface ConversationUpdatedEvent extends EventBase {
  kind: 'conversationUpdated';
  conversationId: string;
  status?: string;
}

export interface ConversationEndedEvent extends EventBase {
  kind: 'conversationEnded';
  conversationId: string;
  status?: string;
}

export interface TypingEvent extends EventBase {
  kind: 'typing';
  from: string;
  to?: string;
  active: boolean;
}

export interface CapabilityEvent extends EventBase {
  kind: 'capability';
  phoneNumber: string;
  enabled: boolean;
  providerStatus: string;
}

/**
 * The user opted in to or out of the business's messages (RBM SUBSCRIBE/UNSUBSCRIBE, Sinch OPT_IN/OPT_OUT,
 * Twilio OptOutType). Businesses must honour an unsubscribe.
 */
export interface SubscriptionEvent extends EventBase {
  kind: 'subscription';
  /** The user's address as the provider names it (phone number or provider user id). */
  user: string;
  agent?: string;
  subscribed: boolean;
  /** The keyword the user sent (`STOP`, `START`, …), when the provider reports one. */
  keyword?: string;
  providerStatus: string;
}

export interface UnsupportedEvent extends EventBase {
  kind: 'unsupported';
  reason: string;
}

export type RcsEvent =
  | DeliveryEvent
  | InboundEvent
  | ConversationStartedEvent
  | ConversationUpdatedEvent
  | ConversationEndedEvent
  | TypingEvent
  | CapabilityEvent
  | SubscriptionEvent
  | UnsupportedEvent;

export type EventOfKind<K extends EventKind> = Extract<RcsEvent, { kind: K }>;

/** Omit that distributes over a union, so each event keeps its own discriminated shape. */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What a provider's normalizer produces: the pipeline stamps `provider` and `receivedAt`. */
export type EventDraft = DistributiveOmit<RcsEvent, 'provider' | 'receivedAt'>;
