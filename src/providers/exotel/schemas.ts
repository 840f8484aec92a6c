import { z } from 'zod';

// Field shapes from Exotel's "RCS status callback" and "Receive Messages Webhook" pages and the
// rcs-omnichannel send-message page (see the README providers table). Only fields the normalizer
// reads are declared; everything else stays in the event's `raw`.

const optionalString = z.string().optional();
/** Exotel documents `exo_status_code` as an integer, but the omnichannel page sends `"40002"`. */
const statusCode = z.union([z.number().int(), z.string().regex(/^\d+$/)]);
/** Documented as Float; a numeric string is read as its number. */
const coordinate = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
]);

/** `{ "messages": [...] }` under `rcs`, `sms` (fallback) or another channel key. */
export const envelopeSchema = z.object({ messages: z.array(z.unknown()) });

/** DLR: `exo_detailed_status` on the reference page, `status` on the omnichannel page. */
export const deliveryReportSchema = z
  .object({
    sid: z.string().min(1),
    to: optionalString,
    exo_status_code: statusCode.optional(),
    exo_detailed_status: optionalString,
    status: optionalString,
    description: z.string().nullish(),
    timestamp: z.string().nullish(),
    custom_data: z.string().nullish(),
  })
  .refine(
    (report) =>
      report.exo_status_code !== undefined ||
      report.exo_detailed_status !== undefined ||
      report.status !== undefined,
    { message: 'a delivery report needs exo_status_code, exo_detailed_status or status' },
  );

/** `content.error`: an incoming message Exotel could not pass on (e.g. EX_UNSUPPORTED_MEDIA_TYPE). */
export const inboundErrorSchema = z.object({
  exo_status_code: statusCode.optional(),
  exo_detailed_status: optionalString,
  description: optionalString,
});

export const inboundSchema = z.object({
  sid: z.string().min(1),
  from: z.string().min(1),
  to: optionalString,
  timestamp: z.string().nullish(),
  content: z.looseObject({ type: optionalString }),
});

export const textContentSchema = z.object({ text: z.string() });

/** Seed: `{ url, name?, type, size, thumbnail_url?, thumbnail_type?, thumbnail_size? }`; omnichannel: `mime_type`. */
export const fileSchema = z.object({
  url: z.string().min(1),
  name: optionalString,
  type: optionalString,
  mime_type: optionalString,
  size: z.number().nonnegative().optional(),
  thumbnail_url: optionalString,
  thumbnail_type: optionalString,
  thumbnail_size: z.number().nonnegative().optional(),
});

/** The seed's own example spells `longtitude`; its table says `longitude`. Either is accepted. */
export const locationSchema = z
  .object({
    latitude: coordinate,
    longitude: coordinate.optional(),
    longtitude: coordinate.optional(),
    label: optionalString,
  })
  .refine((location) => location.longitude !== undefined || location.longtitude !== undefined, {
    message: 'a location needs longitude',
  });

const postbackSchema = z.object({ data: optionalString });

/** The seed nests `response.{reply|action}.{text, postback.data}`; the notes' flat form is `{text, postback_data}`. */
export const suggestionSchema = z.object({
  text: optionalString,
  postback: postbackSchema.optional(),
  postback_data: optionalString,
});
