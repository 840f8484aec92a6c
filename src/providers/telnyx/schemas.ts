import { z } from 'zod';

// Field shapes from Telnyx's RCS webhook page and the telnyx-node generated types (see the README
// providers table). Only fields the normalizer reads are declared; the rest stays in `raw`.
// Enumerations (status, type, direction) are plain strings so a new value never rejects a payload,
// and ids are plain strings: documented examples carry ids that are not RFC 9562 UUIDs.

// Telnyx sends `null` for many absent values: read as absent, so events never carry a null.
const optionalString = z
  .string()
  .nullish()
  .transform((value) => value ?? undefined);

/**
 * The envelope every Telnyx webhook shares. `meta` (`attempt`, `delivered_to`) is optional and
 * not read: the read-receipt examples have none, and one SDK fixture sends `attempt` as a string.
 */
export const envelopeSchema = z.object({
  data: z.looseObject({
    event_type: z.string().min(1),
    id: z.string().min(1),
    occurred_at: z.string().nullish(),
    payload: z.unknown(),
  }),
});

export type EnvelopeData = z.output<typeof envelopeSchema>['data'];

/** `errors[]` entries (JSON:API style); `code` is a numeric string, sometimes a number. */
const errorSchema = z.object({
  code: z.union([z.string(), z.number()]).nullish(),
  title: optionalString,
  detail: optionalString,
});

/** One `to[]` or `cc[]` entry of an outbound message: one recipient and its status. */
export const recipientSchema = z.object({ phone_number: optionalString, status: z.string() });

/**
 * `message.sent` / `message.finalized` / `message.read`. Recipients (`to[]`, and `cc[]` for an MMS
 * group) are read one by one (recipientSchema), so one malformed entry does not hide the others.
 */
export const outboundMessageSchema = z.object({
  id: z.string().min(1),
  type: z.string().nullish(),
  // RCS outbound: the agent `{ agent_id, agent_name }`; SMS/MMS: `{ phone_number }`.
  from: z.object({ agent_id: optionalString, phone_number: optionalString }).nullish(),
  to: z.array(z.unknown()).nullish(),
  cc: z.array(z.unknown()).nullish(),
  errors: z.array(errorSchema).nullish(),
});

/**
 * `message.received`: the user is `from.phone_number`. `to` is an array (RCS: `{ agent_id }`,
 * SMS/MMS: `{ phone_number }`) or, as the telnyx-node types allow (WhatsApp), one string.
 * `media[]` entries are read one by one (mediaSchema).
 */
export const inboundMessageSchema = z.object({
  id: z.string().min(1),
  type: z.string().nullish(),
  from: z.object({ phone_number: z.string().min(1) }),
  to: z
    .union([z.array(z.object({ agent_id: optionalString, phone_number: optionalString })), z.string()])
    .nullish(),
  body: z.record(z.string(), z.unknown()).nullish(),
  // SMS/MMS content: flat text and media (the RCS content is `body`).
  text: optionalString,
  media: z.array(z.unknown()).nullish(),
  // telnyx-node: "Automatic response type triggered by an inbound opt-in, opt-out, or help keyword".
  autoresponse_type: optionalString,
});

/** One `media[]` entry of an inbound SMS/MMS (`hash_sha256` stays in `raw`). */
export const mediaSchema = z.object({
  url: z.string().min(1),
  content_type: optionalString,
  size: z
    .number()
    .nullish()
    .transform((value) => value ?? undefined),
});

const fileSchema = z.object({
  file_uri: z.string(),
  mime_type: optionalString,
  file_name: optionalString,
  file_size_bytes: z
    .number()
    .nullish()
    .transform((value) => value ?? undefined),
});

/** The RCS content variants of `payload.body`, modelled on Google RBM's `UserMessage`. */
export const bodyVariantSchemas = {
  // A string for RCS; telnyx-node also allows a WhatsApp text object `{ body?, ... }`.
  text: z.union([z.string(), z.looseObject({ body: optionalString })]),
  user_file: z.object({ payload: fileSchema, thumbnail: fileSchema.nullish() }),
  location: z.object({ latitude: z.number(), longitude: z.number(), label: optionalString }),
  suggestion_response: z.object({ postback_data: optionalString, text: optionalString }),
};
