import { z } from 'zod';

// Field shapes from Infobip's OpenAPI-generated SDK (see the README providers table). Only fields the
// normalizer reads are declared; everything else stays reachable through the event's `raw`.
// Enumerations are read as plain strings so a value Infobip adds later does not reject the payload.

const optionalString = z.string().optional();

export const statusSchema = z.object({
  groupId: z.number().optional(),
  groupName: z.string(),
  id: z.number().optional(),
  name: optionalString,
  description: optionalString,
});

export const errorSchema = z.object({
  groupId: z.number().optional(),
  groupName: optionalString,
  id: z.number().optional(),
  name: optionalString,
  description: optionalString,
  permanent: z.boolean().optional(),
});

const conversationSchema = z.object({ canInitiate: z.boolean().optional(), id: z.string().nullish() });
const priceSchema = z.object({ trafficType: z.string().nullish() });

/** RCS API delivery report (`/rcs/2/messages`) and Messages API `event: "DELIVERY"`. */
export const deliveryReportSchema = z.object({
  messageId: z.string(),
  to: optionalString,
  destination: optionalString,
  sender: optionalString,
  sentAt: optionalString,
  doneAt: optionalString,
  callbackData: optionalString,
  channel: optionalString,
  // Top level on RCS webhooks ("billing transparency": DLR, MO and event webhooks), else in `price`.
  trafficType: z.string().nullish(),
  price: priceSchema.nullish(),
  status: statusSchema,
  error: errorSchema.nullish(),
  conversation: conversationSchema.nullish(),
});

/** RCS seen report (`from` = the user) and Messages API seen report (`destination` = the user). */
export const seenReportSchema = z.object({
  messageId: z.string(),
  from: optionalString,
  to: optionalString,
  sender: optionalString,
  destination: optionalString,
  sentAt: optionalString,
  seenAt: optionalString,
  callbackData: optionalString,
  channel: optionalString,
  trafficType: z.string().nullish(),
});

const rcsContentSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('TEXT'), text: z.string() }),
  z.object({
    type: z.literal('FILE'),
    url: z.string(),
    name: optionalString,
    contentType: optionalString,
    size: z.number().optional(),
  }),
  z.object({ type: z.literal('LOCATION'), latitude: z.number(), longitude: z.number() }),
  z.object({ type: z.literal('SUGGESTION'), text: optionalString, postbackData: optionalString }),
]);

/** RCS inbound message or user-action event (`interactionType: "EVENT"`); the user is `sender`. */
export const inboundSchema = z.object({
  messageId: z.string(),
  sender: optionalString,
  from: optionalString,
  to: optionalString,
  receivedAt: optionalString,
  pairedMessageId: z.string().nullish(),
  interactionType: optionalString,
  message: z.looseObject({ type: z.string() }),
  trafficType: z.string().nullish(),
  price: priceSchema.nullish(),
  conversation: conversationSchema.nullish(),
});

export const rcsMessageContentSchema = rcsContentSchema;

/** Messages API inbound (`event: "MO"`): `content` is an array. */
export const messagesApiInboundSchema = z.object({
  messageId: z.string(),
  channel: optionalString,
  sender: z.string(),
  destination: optionalString,
  receivedAt: optionalString,
  pairedMessageId: z.string().nullish(),
  trafficType: z.string().nullish(),
  // Parts are read one by one (contentPartSchema): one malformed part does not hide the others.
  content: z.array(z.unknown()),
});

export const contentPartSchema = z.looseObject({ type: z.string() });

/** RCS `TYPING_INDICATOR` and Messages API `TYPING_STARTED` / `TYPING_STOPPED`. */
export const typingSchema = z.object({
  messageId: optionalString,
  sender: z.string(),
  to: optionalString,
  destination: optionalString,
  receivedAt: optionalString,
});

/** CONVERSATION_STARTED: the window is flat in the SDK and under `timeWindow` in the tutorial; both occur. */
export const conversationStartedSchema = z.object({
  messageId: optionalString,
  trafficType: z.string().nullish(),
  conversation: z.object({
    type: z.enum(['A2P', 'P2A']),
    id: z.string(),
    startTime: optionalString,
    endTime: optionalString,
    timeWindow: z.object({ startTime: optionalString, endTime: optionalString }).optional(),
  }),
});

export const capabilitySchema = z.object({
  capabilityCheckResult: z.object({
    bulkId: optionalString,
    messageId: optionalString,
    phoneNumber: z.string(),
    code: z.string(),
  }),
});
