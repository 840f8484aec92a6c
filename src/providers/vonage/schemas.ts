import { z } from 'zod';

// Field shapes from the Vonage Messages API webhook reference as read in the Java SDK
// (com.vonage.client.messages.InboundMessage / MessageStatus) and the RCS guides. Only fields the
// normalizer reads are declared; everything else stays reachable through the event's `raw`.
// Enumerations (channel, message_type, status) are plain strings so new values are not rejected.

const optionalString = z.string().nullish();

/** Inbound message (Inbound URL): the user is `from`, the RCS agent is `to`. */
export const inboundSchema = z.object({
  channel: z.string(),
  message_uuid: z.string().min(1),
  from: z.string().min(1),
  to: optionalString,
  timestamp: optionalString,
  message_type: z.string(),
});

/** Message status (Status URL): the user is `to`, the agent is `from`. */
export const statusSchema = z.object({
  channel: z.string(),
  message_uuid: z.string().min(1),
  status: z.string().min(1),
  to: optionalString,
  from: optionalString,
  timestamp: optionalString,
  client_ref: optionalString,
  // RFC 7807 style. `title` is the error code: a string in the SDKs, a number in some doc samples.
  error: z
    .object({
      type: optionalString,
      title: z.union([z.string(), z.number()]).nullish(),
      detail: optionalString,
      instance: optionalString,
    })
    .nullish(),
});

/** The content object of each inbound `message_type` rcs-webhooks normalizes. */
export const contentSchemas = {
  text: z.string(),
  // image, video, audio, file, vcard: `name` is documented for RCS files and vCards, `caption` for images.
  media: z.object({ url: z.string().min(1), name: optionalString }),
  location: z.object({ lat: z.number(), long: z.number(), name: optionalString }),
  // Suggested reply: `id` is the reply's postback_data (Vonage "RCS Suggestions Chips"), `title` its text.
  reply: z.object({ id: optionalString, title: optionalString }),
  // Suggested action: "For RCS, this will be a String" (Java SDK Button javadoc) for the payload.
  button: z.object({ payload: optionalString, text: optionalString }),
};

export type VonageStatusCallback = z.output<typeof statusSchema>;
