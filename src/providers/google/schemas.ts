import { z } from 'zod';

// Field shapes from the RBM REST reference (UserMessage, UserFile, UserEvent, ServerEvent; see the
// README providers table). Only fields the normalizer reads are declared; the rest (newer fields such
// as `richMessageClassification` and `carrier`) stays in `raw`. Enumerations are plain strings so a
// value Google adds later never rejects a payload. Google's JSON omits unset fields; a `null` is
// read as absent all the same.

const optionalString = z
  .string()
  .nullish()
  .transform((value) => value ?? undefined);

/** `eventType` alone, to route an event before its own schema applies. */
export const eventTypeSchema = z.object({ eventType: z.string() });

/** UserEvent `DELIVERED` / `READ`: `messageId` (the agent's message) is populated only for these. */
export const userReportSchema = z.object({
  senderPhoneNumber: optionalString,
  eventType: z.string(),
  eventId: optionalString,
  messageId: z.string().min(1),
  sendTime: optionalString,
  agentId: optionalString,
});

/** UserEvents about the user rather than a message: `IS_TYPING`, `SUBSCRIBE`, `UNSUBSCRIBE`. */
export const userActivitySchema = z.object({
  senderPhoneNumber: z.string().min(1),
  eventType: z.string(),
  eventId: optionalString,
  sendTime: optionalString,
  agentId: optionalString,
});

/** ServerEvent (TTL expiry): the user is `phoneNumber` here, not `senderPhoneNumber`. */
export const serverEventSchema = z.object({
  phoneNumber: optionalString,
  eventType: z.string(),
  eventId: optionalString,
  messageId: z.string().min(1),
  sendTime: optionalString,
  agentId: optionalString,
});

/** UserMessage fields around the content; exactly one content field is present. */
export const userMessageSchema = z.object({
  senderPhoneNumber: z.string().min(1),
  messageId: z.string().min(1),
  sendTime: optionalString,
  agentId: optionalString,
});

// int64 fields may arrive as JSON strings (proto3 JSON mapping): digits are read as a number.
const fileSize = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d{1,15}$/)])
  .nullish()
  .transform((value) => (value == null ? undefined : Number(value)));

const fileInfoSchema = z.object({
  fileUri: z.string().min(1),
  mimeType: optionalString,
  fileSizeBytes: fileSize,
  fileName: optionalString,
});

/** The content variants of a UserMessage. */
export const contentSchemas = {
  text: z.string(),
  userFile: z.object({ payload: fileInfoSchema, thumbnail: fileInfoSchema.nullish() }),
  location: z.object({ latitude: z.number(), longitude: z.number() }),
  suggestionResponse: z.object({ postbackData: optionalString, text: optionalString, type: optionalString }),
};
