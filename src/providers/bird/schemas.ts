import { z } from 'zod';

// Shapes from docs.bird.com (Channels API message object, RCS interactions, Conversations API events),
// as summarized in the README's Bird section. Much of the RCS detail is not published in full, so
// only fields the normalizer reads are declared, enumerations stay strings, and `null` is accepted
// wherever a field is optional. Everything else stays reachable through the event's `raw`.

const optionalString = z.string().nullish();

/** `{ service, event, payload }`: every Bird Notifications API delivery. */
export const envelopeSchema = z.object({ service: z.string(), event: z.string(), payload: z.unknown() });

const contactSchema = z.object({
  id: optionalString,
  identifierKey: optionalString,
  identifierValue: optionalString,
});
const connectorSchema = z.object({ id: optionalString, identifierValue: optionalString });

/** Channels message (`<platform>.inbound` / `<platform>.outbound` payload). */
export const messageSchema = z.object({
  id: z.string().min(1),
  channelId: optionalString,
  sender: z.object({ contact: contactSchema.nullish(), connector: connectorSchema.nullish() }).nullish(),
  receiver: z
    .object({ contacts: z.array(contactSchema).nullish(), connector: connectorSchema.nullish() })
    .nullish(),
  body: z.looseObject({ type: z.string() }).nullish(),
  status: optionalString,
  reason: optionalString,
  details: optionalString,
  reference: optionalString,
  lastStatusAt: optionalString,
  createdAt: optionalString,
  updatedAt: optionalString,
});
export type BirdMessage = z.output<typeof messageSchema>;

export const inboundMessageSchema = messageSchema.extend({ body: z.looseObject({ type: z.string() }) });
export const outboundMessageSchema = messageSchema.extend({ status: z.string() });

const mediaSchema = z.object({ mediaUrl: z.string(), contentType: optionalString });

/** Message bodies Bird documents for RCS receiving: text (also quick reply / postback), image, file, location. */
export const bodySchemas = {
  text: z.object({
    text: z.object({
      text: z.string(),
      actions: z
        .array(z.object({ type: optionalString, postback: z.object({ payload: optionalString }).nullish() }))
        .nullish(),
    }),
  }),
  image: z.object({ image: z.object({ images: z.array(mediaSchema).min(1) }) }),
  file: z.object({
    file: z.object({ files: z.array(mediaSchema.extend({ filename: optionalString })).min(1) }),
  }),
  location: z.object({
    location: z.object({
      coordinates: z.object({ latitude: z.number(), longitude: z.number() }),
      location: z.object({ label: optionalString }).nullish(),
    }),
  }),
};

/** `<platform>.interaction` payload (RCS: `read`, `clicked`). */
export const interactionSchema = z.object({
  id: optionalString,
  channelId: optionalString,
  messageId: z.string().min(1),
  type: z.string(),
  createdAt: optionalString,
  details: optionalString,
  metadata: z.object({ button: z.object({ payload: optionalString }).nullish() }).nullish(),
  // Not in any published sample; read when present so a click can name the user.
  contact: contactSchema.nullish(),
  receiver: z.object({ contacts: z.array(contactSchema).nullish() }).nullish(),
});
export type BirdInteraction = z.output<typeof interactionSchema>;

/** Conversations API `conversation.*` payload (the conversation object). */
export const conversationSchema = z.object({
  id: z.string().min(1),
  status: optionalString,
  initiatingParticipant: z.object({ type: optionalString }).nullish(),
  createdAt: optionalString,
  updatedAt: optionalString,
});
