import { ConfigurationError } from '../../errors/index.js';
import { isRecord } from '../normalize-helpers.js';
import type { SignedParts, SignInput } from '../types.js';
import {
  BODY_HASH_PARAM,
  bodyHashParams,
  bodySha256,
  SIGNATURE_HEADER,
  twilioSignature,
} from './signature.js';

export interface TwilioSigning {
  /** The account's Auth Token. */
  authToken: string;
  /**
   * Sign as Twilio signs a JSON body: `bodySHA256=<hex SHA-256 of the body>` is appended to the URL
   * (unless it already has one) and the signature covers the URL alone. Send with
   * `contentType: 'application/json'`.
   */
  json?: boolean;
}

/** Signs a test request as Twilio does, over `input.url` (the URL Twilio would call) and the form body. */
export function signTwilio(input: SignInput, signing: TwilioSigning): SignedParts {
  const hashed = bodyHashParams(input.url).length > 0;
  if (signing.json === true || hashed) {
    const hash = bodySha256(input.body).toString('hex');
    const url = hashed
      ? input.url
      : `${input.url}${input.url.includes('?') ? '&' : '?'}${BODY_HASH_PARAM}=${hash}`;
    return { url, headers: { [SIGNATURE_HEADER]: twilioSignature(signing.authToken, url, []) } };
  }
  const params = new URLSearchParams(input.body);
  return { headers: { [SIGNATURE_HEADER]: twilioSignature(signing.authToken, input.url, params) } };
}

/**
 * A test body given as an object, form-encoded as Twilio sends it: parameters in the object's order,
 * an array value as a repeated parameter.
 */
export function encodeTwilioBody(body: unknown): string {
  if (!isRecord(body)) {
    throw new ConfigurationError('a Twilio test body is an object of parameters or the exact form string', {
      provider: 'twilio',
    });
  }
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(body)) {
    const items: unknown[] = Array.isArray(value) ? value : [value];
    for (const item of items) {
      if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean') {
        throw new ConfigurationError(`Twilio parameter ${name} is not a string, number or boolean`, {
          provider: 'twilio',
        });
      }
      form.append(name, String(item));
    }
  }
  return form.toString();
}
