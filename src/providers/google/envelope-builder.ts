import { createHash } from 'node:crypto';
import { isRecord } from '../normalize-helpers.js';

/** The Pub/Sub-style body Google POSTs for each RBM event. */
export interface GoogleEnvelope {
  message: {
    data: string;
    messageId: string;
    publishTime: string;
    attributes?: Record<string, string>;
  };
  subscription: string;
}

export interface GoogleEnvelopeOptions {
  /** Pub/Sub message id. Default: digits derived from the event bytes (stable for the same event). */
  messageId?: string;
  /** Default: the event's `sendTime` when it has one, else the Unix epoch (pass it for realism). */
  publishTime?: string | Date;
  attributes?: Record<string, string>;
  /** Default: a placeholder subscription name. */
  subscription?: string;
}

const PLACEHOLDER_SUBSCRIPTION = 'projects/rbm-example-agent/subscriptions/rbm-example-push';

/**
 * Wraps an RBM event (a UserMessage, UserEvent or ServerEvent object, or its exact JSON text or
 * bytes) the way Google delivers it: `{ message: { data: base64(event JSON), messageId,
 * publishTime }, subscription }`. For tests: sign the result with `signRequest({ provider: 'google',
 * body: googleEnvelope(event), config: { clientToken } })`.
 */
export function googleEnvelope(
  event: object | string | Uint8Array,
  options: GoogleEnvelopeOptions = {},
): GoogleEnvelope {
  const bytes =
    event instanceof Uint8Array
      ? Buffer.from(event)
      : Buffer.from(typeof event === 'string' ? event : JSON.stringify(event), 'utf8');
  const publishTime = options.publishTime ?? sendTimeOf(bytes) ?? new Date(0);
  const message: GoogleEnvelope['message'] = {
    data: bytes.toString('base64'),
    messageId: options.messageId ?? digitsOf(bytes),
    publishTime: publishTime instanceof Date ? publishTime.toISOString() : publishTime,
  };
  if (options.attributes !== undefined) message.attributes = options.attributes;
  return { message, subscription: options.subscription ?? PLACEHOLDER_SUBSCRIPTION };
}

function sendTimeOf(bytes: Buffer): string | undefined {
  try {
    const event: unknown = JSON.parse(bytes.toString('utf8'));
    return isRecord(event) && typeof event.sendTime === 'string' ? event.sendTime : undefined;
  } catch {
    return undefined;
  }
}

/** Pub/Sub message ids are decimal strings: 16 digits from a hash of the event. */
function digitsOf(bytes: Uint8Array): string {
  return BigInt(`0x${createHash('sha256').update(bytes).digest('hex').slice(0, 13)}`)
    .toString()
    .padStart(16, '0');
}
