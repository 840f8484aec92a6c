import { createHash } from 'node:crypto';
import { constantTimeEqual } from '../../crypto/compare.js';
import { decodeHex } from '../../crypto/encoding.js';
import type { ProviderRequest } from '../types.js';

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * True when the `payload_hash` claim (SHA-256, hex) is the digest of the body Vonage sent.
 *
 * The exact raw bytes are tried first. Vonage's docs only say "a SHA-256 hash of the payload", and its
 * official snippet (vonage-node-code-snippets messages/signed-webhooks/verify-signed-webhook.js) hashes
 * `JSON.stringify` of the parsed body instead. So, unless `strict`, a body whose bytes are NOT already
 * its own compact serialization (whitespace, `\u` escapes, duplicate keys) may also match on that
 * serialization. That admits no other content: the events are normalized from the same parsed value
 * whose compact form Vonage signed.
 */
export function payloadHashMatches(request: ProviderRequest, claim: string, strict: boolean): boolean {
  const expected = decodeHex(claim);
  if (expected === undefined || expected.length !== 32) return false;
  const digest = (data: Uint8Array | string) => createHash('sha256').update(data).digest();
  if (constantTimeEqual(digest(request.body), expected)) return true;
  if (strict) return false;
  const compact = compactJsonIfDifferent(request);
  return compact !== undefined && constantTimeEqual(digest(compact), expected);
}

/** `JSON.stringify` of the parsed body, only when it differs from the body's own text. */
function compactJsonIfDifferent(request: ProviderRequest): string | undefined {
  try {
    const text = request.text();
    const compact = JSON.stringify(request.json());
    return compact === text ? undefined : compact;
  } catch {
    // Not UTF-8 or not JSON: there is no serialization to fall back to.
    return undefined;
  }
}
