import { z } from 'zod';

// Field shapes from sinch-sdk-node `packages/conversation/src/models/v1` (see the README providers
// table). Only fields the normalizer reads are declared; everything else stays in the event's `raw`.
// Enumerations (status, channel, reason codes, processing mode) are plain strings, so a value Sinch
// adds later never rejects a payload. Sinch sends "" for absent ids (DISPATCH mode): see `present()`.

const optionalString = z.string().nullish();

/** Every callback: `app_id` and `project_id` (both required in the SDK) plus exactly one payload key. */
export const envelopeSchema = z.object({
  app_id: z.string(),
  project_id: z.string(),
  accepted_time: optionalString,
  event_time: optionalString,
});

export type Envelope = z.output<typeof envelopeSchema>;

export const channelIdentitySchema = z.object({
  channel: z.string(),
  identity: z.string().min(1),
  app_id: optionalString,
});

export const reasonSchema = z.object({
  code: optionalString,
  description: optionalString,
  sub_code: optionalString,
});

/** MESSAGE_INBOUND `message` (MessageInboundEventItem). The content union is read in content.ts. */
export const inboundMessageSchema = z.object({
  id: z.string().min(1),
  direction: optionalString,
  contact_message: z.record(z.string(), z.unknown()),
  channel_identity: channelIdentitySchema,
  conversation_id: optionalString,
  accept_time: optionalString,
  sender_id: optionalString,
});

/** The variants of `contact_message` that map onto normalized content. */
export const contentSchemas = {
  text_message: z.object({ text: z.string() }),
  media_message: z.object({
    url: z.string().min(1),
    thumbnail_url: optionalString,
    filename_override: optionalString,
  }),
  media_card_message: z.object({ url: z.string().min(1), caption: optionalString }),
  location_message: z.object({
    coordinates: z.object({ latitude: z.number(), longitude: z.number() }),
    title: optionalString,
    label: optionalString,
  }),
  choice_response_message: z.object({ message_id: optionalString, postback_data: z.string() }),
};

export const replyToSchema = z.object({ message_id: optionalString }).nullish();

/** MESSAGE_DELIVERY `message_delivery_report`. */
export const deliveryReportSchema = z.object({
  message_id: z.string().min(1),
  conversation_id: optionalString,
  status: z.string().min(1),
  channel_identity: channelIdentitySchema.nullish(),
  reason: reasonSchema.nullish(),
  metadata: optionalString,
});

/** MESSAGE_SUBMIT `message_submit_notification`: the message was handed to a channel. */
export const submitNotificationSchema = z.object({
  message_id: z.string().min(1),
  conversation_id: optionalString,
  channel_identity: channelIdentitySchema.nullish(),
  metadata: optionalString,
});

/** EVENT_INBOUND `event`: one of `contact_event` or `contact_message_event`. */
export const inboundEventSchema = z.object({
  id: z.string().min(1),
  direction: optionalString,
  channel_identity: channelIdentitySchema,
  accept_time: optionalString,
  contact_event: z.record(z.string(), z.unknown()).nullish(),
  contact_message_event: z.record(z.string(), z.unknown()).nullish(),
});

/** CONVERSATION_START / CONVERSATION_STOP: `{ conversation: Conversation }`. */
export const conversationNotificationSchema = z.object({
  conversation: z.object({ id: z.string().min(1), active: z.boolean().nullish() }),
});

/** CAPABILITY `capability_notification`: the result of an asynchronous capability check. */
export const capabilityNotificationSchema = z.object({
  request_id: optionalString,
  channel: z.string(),
  identity: z.string().min(1),
  capability_status: z.string().min(1),
  reason: reasonSchema.nullish(),
});

/** OPT_IN `opt_in_notification` / OPT_OUT `opt_out_notification`. */
export const optNotificationSchema = z.object({
  request_id: optionalString,
  channel: z.string(),
  identity: z.string().min(1),
  status: optionalString,
});
