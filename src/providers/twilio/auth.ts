import { constantTimeEqual } from '../../crypto/compare.js';
import { decodeBase64, decodeHex } from '../../crypto/encoding.js';
import { verifyHmac } from '../../crypto/hmac.js';
import { PayloadParseError, SignatureVerificationError } from '../../errors/index.js';
import type { ProviderRequest } from '../types.js';
import { isJsonRequest } from './content-type.js';
import type { TwilioConfig } from './options.js';
import {
  BODY_HASH_PARAM,
  bodyHashParams,
  bodySha256,
  SIGNATURE_HEADER,
  twilioSignedData,
} from './signature.js';
import { twilioUrlVariants } from './url-variants.js';

const SHA1_BYTES = 20;

/**
 * Verifies `X-Twilio-Signature` over the URL Twilio called (`request.publicUrl`: behind a proxy,
 * the `publicUrl` / `trustProxy` options) and the decoded form parameters. A URL carrying
 * `bodySHA256` (Twilio's JSON webhooks) signs the URL alone, and the hash binds the raw body bytes.
 */
export function authenticateTwilio(request: ProviderRequest, config: TwilioConfig): void {
  const header = request.headers.get(SIGNATURE_HEADER);
  if (header === undefined || header === '') {
    throw new SignatureVerificationError('missing_signature', `missing ${SIGNATURE_HEADER} header`, {
      provider: 'twilio',
    });
  }
  const signature = decodeBase64(header);
  if (signature === undefined || signature.length !== SHA1_BYTES) reject(`${SIGNATURE_HEADER} is malformed`);

  const params = signedParams(request);
  let matched = false;
  for (const url of twilioUrlVariants(request.publicUrl)) {
    matched = verifyHmac('sha1', config.authTokens, signature, twilioSignedData(url, params)) || matched;
  }
  if (!matched) {
    reject(`${SIGNATURE_HEADER} did not match (is the publicUrl option the exact URL configured in Twilio?)`);
  }
}

/** The parameters covered by the signature: none when the body is bound by `bodySHA256`. */
function signedParams(request: ProviderRequest): [string, string][] {
  const hashes = bodyHashParams(request.publicUrl);
  if (hashes.length > 1) reject(`more than one ${BODY_HASH_PARAM} in the URL`);
  const [hash] = hashes;
  if (hash !== undefined) {
    const expected = decodeHex(hash);
    const valid = expected !== undefined && constantTimeEqual(expected, bodySha256(request.body));
    if (!valid) reject(`${BODY_HASH_PARAM} does not match the body`);
    return [];
  }
  // Twilio always puts bodySHA256 in the URL of a JSON webhook: without it the body is unsigned.
  if (isJsonRequest(request)) reject(`a JSON body without ${BODY_HASH_PARAM} in the URL`);
  try {
    return [...request.form()];
  } catch (error) {
    // Twilio's form bodies are ASCII; bytes that are not even UTF-8 cannot carry its signature.
    if (error instanceof PayloadParseError) reject('the form body is not valid UTF-8');
    throw error;
  }
}

function reject(message: string): never {
  throw new SignatureVerificationError('invalid_signature', message, { provider: 'twilio' });
}
