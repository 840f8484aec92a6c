import { constantTimeEqual } from '../../crypto/compare.js';
import { decodeBase64 } from '../../crypto/encoding.js';
import { verifyHmac } from '../../crypto/hmac.js';
import { PayloadParseError, SignatureVerificationError } from '../../errors/index.js';
import type { ProviderRequest } from '../types.js';
import { isJsonRequest } from './content-type.js';
import { twilioForm } from './decode-form.js';
import { formLimitProblem } from './form-limits.js';
import { formShapeProblem, sortParams } from './form-shape.js';
import type { TwilioConfig } from './options.js';
import {
  BODY_HASH_PARAM,
  bodyHashParams,
  bodySha256,
  SIGNATURE_HEADER,
  twilioParamsText,
} from './signature.js';
import { DIGEST_BYTES, SETTINGS_HEADER, settingsHash, type TwilioHash } from './signature-settings.js';
import { twilioUrlVariants } from './url-variants.js';

const LOWER_HEX_SHA256 = /^[0-9a-f]{64}$/;

/**
 * Verifies `X-Twilio-Signature` over the URL Twilio called (`request.publicUrl`: behind a proxy,
 * the `publicUrl` / `trustProxy` options) and the decoded form parameters. A URL carrying
 * `bodySHA256` (Twilio's JSON webhooks) signs the URL alone, and the hash binds the raw body bytes.
 * The key is the Auth Token (HMAC-SHA1), or a SharedKey secret when the request carries
 * `X-Twilio-Webhooks-Signature-Settings` (HMAC-SHA1 or HMAC-SHA256, as the header says).
 */
export function authenticateTwilio(request: ProviderRequest, config: TwilioConfig): void {
  const header = request.headers.get(SIGNATURE_HEADER);
  if (header === undefined || header === '') {
    throw new SignatureVerificationError('missing_signature', `missing ${SIGNATURE_HEADER} header`, {
      provider: 'twilio',
    });
  }
  const { hash, secrets } = signingKeys(request, config);
  const signature = decodeBase64(header);
  if (signature === undefined || signature.length !== DIGEST_BYTES[hash]) {
    reject(`${SIGNATURE_HEADER} is malformed`);
  }
  // Everything Twilio never sends is refused before the form is decoded, sorted or hashed.
  // Encoded once: every URL variant and key hashes the same bytes after its URL.
  const paramsBytes = Buffer.from(signedParamsText(request, config), 'utf8');
  let matched = false;
  for (const url of twilioUrlVariants(request.publicUrl)) {
    matched = verifyHmac(hash, secrets, signature, url, paramsBytes) || matched;
  }
  if (!matched) {
    reject(`${SIGNATURE_HEADER} did not match (is the publicUrl option the exact URL configured in Twilio?)`);
  }
}

/** The Auth Tokens and SHA-1, or the SharedKey secrets and the hash the settings header names. */
function signingKeys(
  request: ProviderRequest,
  config: TwilioConfig,
): { hash: TwilioHash; secrets: string[] } {
  const settings = request.headers.get(SETTINGS_HEADER);
  if (settings === undefined || settings === '') {
    if (config.authTokens.length === 0)
      reject('signed with the Auth Token, but only SharedKey secrets are configured');
    return { hash: 'sha1', secrets: config.authTokens };
  }
  const hash = settingsHash(settings);
  if (hash === undefined) reject(`${SETTINGS_HEADER} names an algorithm Twilio does not document`);
  if (config.sharedKeySecrets.length === 0) {
    throw new SignatureVerificationError(
      'credentials_not_configured',
      `signed with a SharedKey (${SETTINGS_HEADER}), but no sharedKeySecret is configured`,
      { provider: 'twilio' },
    );
  }
  return { hash, secrets: config.sharedKeySecrets };
}

/** The parameters' part of the signed string: empty when the body is bound by `bodySHA256`. */
function signedParamsText(request: ProviderRequest, config: TwilioConfig): string {
  const hashes = bodyHashParams(request.publicUrl);
  if (hashes.length > 1) reject(`more than one ${BODY_HASH_PARAM} in the URL`);
  const [hash] = hashes;
  if (hash !== undefined) {
    // twilio-node compares the lower-case hex digest as a string: upper-case hex does not match.
    const valid =
      LOWER_HEX_SHA256.test(hash) && constantTimeEqual(hash, bodySha256(request.body).toString('hex'));
    if (!valid) reject(`${BODY_HASH_PARAM} does not match the body`);
    return '';
  }
  // Twilio always puts bodySHA256 in the URL of a JSON webhook: without it the body is unsigned.
  if (isJsonRequest(request)) reject(`a JSON body without ${BODY_HASH_PARAM} in the URL`);
  const limit = formLimitProblem(request.body);
  if (limit !== undefined) reject(`not a form Twilio sends: ${limit}`);
  const sorted = sortParams(decodedForm(request));
  const shape = formShapeProblem(sorted, config.extraParameters);
  if (shape !== undefined) reject(`not a form Twilio sends (a re-split of a signed one?): ${shape}`);
  return twilioParamsText(sorted);
}

function decodedForm(request: ProviderRequest): [string, string][] {
  try {
    return twilioForm(request);
  } catch (error) {
    // Twilio's form bodies are ASCII; bytes that are not even UTF-8 cannot carry its signature.
    if (error instanceof PayloadParseError) reject('the form body is not valid UTF-8');
    throw error;
  }
}

function reject(message: string): never {
  throw new SignatureVerificationError('invalid_signature', message, { provider: 'twilio' });
}
