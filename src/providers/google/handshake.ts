import { matchesAny } from '../../crypto/compare.js';
import { SignatureVerificationError } from '../../errors/index.js';
import type { WebhookResponse } from '../../http/types.js';
import { isRecord } from '../normalize-helpers.js';
import type { ProviderRequest } from '../types.js';
import type { GoogleConfig } from './options.js';

/**
 * The webhook verification request ("Verify" in the Developer Console): a POST of
 * `{"clientToken": …, "secret": …}`, unsigned, to be answered 200 with the bare secret as a plain-text
 * body when the token is the webhook's own (RBM "Webhooks" guide). Google's samples disagree on the
 * body (`secret: …`, JSON); the guide's plain secret is what is sent here.
 *
 * A wrong token is 401, like any other credential failure. `undefined` (not a handshake) for any
 * other body, including one that is not JSON: authentication then rejects it.
 */
export function googleHandshake(request: ProviderRequest, config: GoogleConfig): WebhookResponse | undefined {
  const handshake = handshakeOf(request);
  if (handshake === undefined) return undefined;
  if (config.clientTokens.length === 0) {
    throw new SignatureVerificationError(
      'credentials_not_configured',
      'a Google RBM verification request arrived but no clientToken is configured',
      { provider: 'google' },
    );
  }
  if (!matchesAny(handshake.clientToken, config.clientTokens)) {
    throw new SignatureVerificationError(
      'invalid_signature',
      'the clientToken of the Google RBM verification request does not match any configured clientToken',
      { provider: 'google' },
    );
  }
  return {
    status: 200,
    // The secret is echoed verbatim: `nosniff` keeps a browser from ever treating it as markup.
    headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
    body: handshake.secret,
  };
}

/**
 * The verification request is `{"clientToken":…,"secret":…}`, a few dozen bytes. It arrives unsigned,
 * so it is looked for before authentication: only a small body starting with `{` is parsed, so that an
 * unauthenticated 1 MiB document never is (issue 13 item A2: that parse cost 190 ms when deeply nested).
 */
export const HANDSHAKE_MAX_BYTES = 4096;

const OPEN_BRACE = 0x7b;

function handshakeOf(request: ProviderRequest): { clientToken: string; secret: string } | undefined {
  if (request.body.byteLength > HANDSHAKE_MAX_BYTES || firstByte(request.body) !== OPEN_BRACE) {
    return undefined;
  }
  let body: unknown;
  try {
    body = request.json();
  } catch {
    return undefined;
  }
  if (!isRecord(body) || 'message' in body) return undefined;
  const { clientToken, secret } = body;
  return typeof clientToken === 'string' && typeof secret === 'string' ? { clientToken, secret } : undefined;
}

/** The first byte after JSON whitespace. */
function firstByte(body: Uint8Array): number | undefined {
  for (const byte of body) {
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return byte;
  }
  return undefined;
}
