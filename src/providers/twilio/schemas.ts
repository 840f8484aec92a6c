import { z } from 'zod';

// Parameters from Twilio's "incoming message webhook" and "outbound message status in status
// callbacks" pages, plus the RCS ones in the provider notes (see README). Only parameters the
// normalizer reads are declared; Twilio adds parameters without notice, and all of them stay in `raw`.
// Every value is a string (form encoding); statuses are read as plain strings.

const optional = z.string().optional();
/** Message SIDs (`SM` / `MM` + 32 hex digits): event ids are built from them only once validated. */
const messageSid = z.string().regex(/^(?:SM|MM)[0-9a-fA-F]{32}$/);
const DIGITS = /^\d+$/;
const DECIMAL = /^-?\d{1,3}(?:\.\d+)?$/;

/** What every messaging webhook carries. */
export const messageSchema = z.looseObject({
  MessageSid: messageSid,
  MessageStatus: z.string().min(1).optional(),
  SmsStatus: optional,
});

export const statusCallbackSchema = z.looseObject({
  MessageSid: messageSid,
  MessageStatus: z.string().min(1),
  From: optional,
  To: optional,
  ErrorCode: optional,
  ErrorMessage: optional,
  ChannelPrefix: optional,
});

export const incomingMessageSchema = z.looseObject({
  MessageSid: messageSid,
  From: z.string().min(1),
  To: optional,
  Body: optional,
  NumMedia: z.string().regex(DIGITS).optional(),
  ButtonPayload: optional,
  ButtonText: optional,
  Latitude: optional,
  Longitude: optional,
  Label: optional,
  OptOutType: optional,
});

/** Location shares (`Latitude`/`Longitude`, as Twilio sends them for WhatsApp): both, as decimals. */
export const locationSchema = z.object({
  Latitude: z
    .string()
    .regex(DECIMAL)
    .transform(Number)
    .refine((value) => Math.abs(value) <= 90),
  Longitude: z
    .string()
    .regex(DECIMAL)
    .transform(Number)
    .refine((value) => Math.abs(value) <= 180),
});

/** `MediaUrl{N}` and `MediaContentType{N}` of media item N (from 0) of an incoming message. */
export const mediaUrlSchema = z.string().min(1);
export const mediaTypeSchema = optional;
