import { decodeBase64 } from '../../crypto/encoding.js';
import { hmac } from '../../crypto/hmac.js';
import { ConfigurationError } from '../../errors/index.js';
import { isRecord } from '../normalize-helpers.js';
import type { SignedParts, SignInput } from '../types.js';
import { SIGNATURE_HEADER } from './auth.js';

export interface GoogleSigning {
  /** The webhook's clientToken. */
  clientToken: string;
}

/**
 * Signs a test request as Google does: `X-Goog-Signature` = base64 HMAC-SHA512 with the clientToken
 * over the base64-decoded `message.data` of the given body (build one with `googleEnvelope`).
 * Bodies that are not event envelopes, such as the `{clientToken, secret}` verification request,
 * are sent unsigned, as Google sends them.
 */
export function signGoogle(input: SignInput, signing: GoogleSigning): SignedParts {
  const data = messageData(input.body);
  if (data === undefined) return { headers: {} };
  const bytes = decodeBase64(data);
  if (bytes === undefined) {
    throw new ConfigurationError(
      'google test body: `message.data` is not standard padded base64, which Google never sends',
      { provider: 'google' },
    );
  }
  return { headers: { [SIGNATURE_HEADER]: hmac('sha512', signing.clientToken, bytes).toString('base64') } };
}

function messageData(body: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const data = isRecord(parsed) && isRecord(parsed.message) ? parsed.message.data : undefined;
  return typeof data === 'string' ? data : undefined;
}
