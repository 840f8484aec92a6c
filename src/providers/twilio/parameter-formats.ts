/**
 * What Twilio's Messaging webhooks send (docs "Twilio's request to your incoming message Webhook
 * URL", "Outbound message status in status callbacks", Advanced Opt-Out, the WhatsApp / RCS
 * parameters). Twilio signs `name + value` pairs concatenated without separators, so a captured
 * form can be re-split (characters moved between names and values) under the same signature; these
 * formats decide which of the possible splits is the one Twilio sent (form-shape.ts).
 *
 * A "closed" format cannot end where another parameter's name begins: a fixed length (SIDs, the API
 * version) or characters no parameter name starts with (digits, lower case). A value in a closed
 * format can neither have absorbed the parameters after it nor have given its tail away to a new one.
 */

/** Twilio's parameter names: PascalCase letters and digits. */
export const NAME = /^[A-Z][A-Za-z0-9]{0,63}$/;

/** A Twilio SID: two upper-case letters naming the resource, then 32 hex digits. */
const SID = /^[A-Z]{2}[0-9a-fA-F]{32}$/;
const MESSAGE_SID = /^(?:SM|MM)[0-9a-fA-F]{32}$/;

const CLOSED: Readonly<Record<string, RegExp>> = {
  MessageSid: MESSAGE_SID,
  SmsSid: MESSAGE_SID,
  SmsMessageSid: MESSAGE_SID,
  OriginalRepliedMessageSid: MESSAGE_SID,
  AccountSid: /^AC[0-9a-fA-F]{32}$/,
  MessagingServiceSid: /^MG[0-9a-fA-F]{32}$/,
  ApiVersion: /^\d{4}-\d{2}-\d{2}$/,
  NumMedia: /^\d{1,3}$/,
  NumSegments: /^\d{1,3}$/,
  ReferralNumMedia: /^\d{1,3}$/,
  ErrorCode: /^\d{1,6}$/,
  RawDlrDoneDate: /^\d{1,14}$/,
  WaId: /^\d{1,20}$/,
  SmsStatus: /^[a-z_]{1,32}$/,
  MessageStatus: /^[a-z_]{1,32}$/,
  ChannelPrefix: /^[A-Za-z]{1,20}$/,
  OptOutType: /^[A-Z]{1,16}$/,
  Forwarded: /^(?:true|false)$/,
  FrequentlyForwarded: /^(?:true|false)$/,
  Latitude: /^-?\d{1,3}(?:\.\d{1,20})?$/,
  Longitude: /^-?\d{1,3}(?:\.\d{1,20})?$/,
};

/** Known parameters whose values are free (text, addresses, URLs, JSON). */
const OPEN = new Set([
  'Body',
  'From',
  'To',
  'FromCity',
  'FromState',
  'FromZip',
  'FromCountry',
  'ToCity',
  'ToState',
  'ToZip',
  'ToCountry',
  'ButtonPayload',
  'ButtonText',
  'ButtonType',
  'Label',
  'Address',
  'ProfileName',
  'ErrorMessage',
  'ChannelMetadata',
  'ChannelToAddress',
  'ChannelStatusMessage',
  'ChannelStatusCode',
  'AddOns',
  'EventType',
  'MessageType',
  'StructuredMessage',
  'InteractiveData',
  'Payload',
  'Price',
  'PriceUnit',
  'ListId',
  'ListTitle',
  'OriginalRepliedMessageSender',
  'ReferralBody',
  'ReferralHeadline',
  'ReferralSourceId',
  'ReferralSourceType',
  'ReferralSourceUrl',
  'ReferralMediaId',
  'ReferralMediaContentType',
  'ReferralMediaUrl',
  'ReferralCtwaClid',
]);

/** Media item N: `MediaUrl{N}` and `MediaContentType{N}`, N from 0 (Twilio sends at most 10). */
export const MEDIA = /^Media(Url|ContentType)(0|[1-9]\d?)$/;

/** Every Messaging webhook names the account, the message and both addresses. */
export const REQUIRED = ['AccountSid', 'MessageSid', 'From', 'To'] as const;

export type ParameterKind = 'closed' | 'open' | 'unknown';

/** How a parameter's value is judged: its closed format, free, or not a name Twilio is known to send. */
export function parameterKind(name: string): ParameterKind {
  if (closedFormat(name) !== undefined) return 'closed';
  return OPEN.has(name) || MEDIA.test(name) ? 'open' : 'unknown';
}

/** The closed format of a parameter: a known one, or the SID format for any other `…Sid`. */
export function closedFormat(name: string): RegExp | undefined {
  return CLOSED[name] ?? (name.endsWith('Sid') ? SID : undefined);
}

/** Every known name, for the name-overlap rule (a known name cut short or run on into its value). */
export const KNOWN_NAMES: readonly string[] = [...Object.keys(CLOSED), ...OPEN];

/** Known names including the media ones (N from 0 to 9), for the absorption rule. */
export const ABSORBABLE_NAMES: readonly string[] = [
  ...KNOWN_NAMES,
  ...Array.from({ length: 10 }, (_, index) => [`MediaUrl${index}`, `MediaContentType${index}`]).flat(),
].sort();

/**
 * Whether `text` holds the name of an absent parameter followed by a value it could have had: the
 * trace of that parameter folded into the value before it. For a closed format a value in it, or
 * none, must follow (`Forwarded message…` is not `Forwarded=true` folded in).
 */
export function holdsParameter(text: string, name: string): boolean {
  let at = text.indexOf(name);
  const format = closedFormat(name);
  while (at !== -1) {
    const rest = text.slice(at + name.length);
    // An empty value leaves the next name (upper case) or the end right after it.
    if (format === undefined || prefixFormat(format).test(rest) || /^(?:[A-Z]|$)/.test(rest)) return true;
    at = text.indexOf(name, at + 1);
  }
  return false;
}

const prefixes = new Map<RegExp, RegExp>();

/** The format anchored at the start only: a value in it, possibly followed by more text. */
function prefixFormat(format: RegExp): RegExp {
  let prefix = prefixes.get(format);
  if (prefix === undefined) {
    prefix = new RegExp(format.source.replace(/\$$/, ''));
    prefixes.set(format, prefix);
  }
  return prefix;
}
