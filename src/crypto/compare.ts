import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Constant-time equality of two byte strings of any length: both sides are hashed first so that
 * neither the comparison nor an early length check reveals how much of a secret matched.
 */
export function constantTimeEqual(a: Uint8Array | string, b: Uint8Array | string): boolean {
  const digestA = createHash('sha256').update(a).digest();
  const digestB = createHash('sha256').update(b).digest();
  return timingSafeEqual(digestA, digestB);
}

/** True when `candidate` equals any of `secrets`; every secret is compared (no early exit). */
export function matchesAny(
  candidate: Uint8Array | string,
  secrets: readonly (Uint8Array | string)[],
): boolean {
  let matched = false;
  for (const secret of secrets) matched = constantTimeEqual(candidate, secret) || matched;
  return matched;
}
