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
import {
  SETTINGS_HEADER,
  settingsHeader,
  type TwilioAlgorithm,
  type TwilioHash,
} from './signature-settings.js';

/** How a test request is signed: with the Auth Token, or with a SharedKey as a Webhook Rule signs. */
export type TwilioSigning = (
  | {
      /** The account's Auth Token (HMAC-SHA1, no settings header). */
      authToken: string;
    }
  | {
      /** The SharedKey's secret; the request carries `X-Twilio-Webhooks-Signature-Settings`. */
      sharedKeySecret: string;
      /** Default `HMAC_SHA256`. */
      algorithm?: TwilioAlgorithm;
      /** The SharedKey's id, named in the settings header (default a placeholder). */
      keyId?: string;
    }
) & {
  /**
   * Sign as Twilio signs a JSON body: `bodySHA256=<hex SHA-256 of the body>` is appended to the URL
   * (unless it already has one) and the signature covers the URL alone. Send with
   * `contentType: 'application/json'`.
   */
  json?: boolean;
};

/** Signs a test request as Twilio does, over `input.url` (the URL Twilio would call) and the form body. */
export function signTwilio(input: SignInput, signing: TwilioSigning): SignedParts {
  const { secret, hash, headers } = signingKey(signing);
  const hashed = bodyHashParams(input.url).length > 0;
  if (signing.json === true || hashed) {
    const bodyHash = bodySha256(input.body).toString('hex');
    const url = hashed
      ? input.url
      : `${input.url}${input.url.includes('?') ? '&' : '?'}${BODY_HASH_PARAM}=${bodyHash}`;
    return { url, headers: { ...headers, [SIGNATURE_HEADER]: twilioSignature(secret, url, [], hash) } };
  }
  const params = new URLSearchParams(input.body);
  return { headers: { ...headers, [SIGNATURE_HEADER]: twilioSignature(secret, input.url, params, hash) } };
}

function signingKey(signing: TwilioSigning): {
  secret: string;
  hash: TwilioHash;
  headers: Record<string, string>;
} {
  if ('authToken' in signing) return { secret: signing.authToken, hash: 'sha1', headers: {} };
  const algorithm = signing.algorithm ?? 'HMAC_SHA256';
  return {
    secret: signing.sharedKeySecret,
    hash: algorithm === 'HMAC_SHA1' ? 'sha1' : 'sha256',
    headers: { [SETTINGS_HEADER]: settingsHeader(signing.keyId ?? 'webhooks_sharedkey_test', algorithm) },
  };
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
