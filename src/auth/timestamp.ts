import { SignatureVerificationError } from '../errors/index.js';

/**
 * Checks a provider's signing timestamp (seconds since the epoch, plain digits only) against the
 * replay window, in both directions: a timestamp from the future is as suspect as a stale one.
 * `toleranceSeconds` 0 disables the window (for replaying captured traffic in tests).
 * Returns the timestamp in seconds.
 */
export function checkTimestamp(
  provider: string,
  value: string | undefined,
  nowMs: number,
  toleranceSeconds: number,
): number {
  if (value === undefined || value === '') {
    throw new SignatureVerificationError('missing_signature', 'missing signature timestamp', { provider });
  }
  if (!/^\d{1,15}$/.test(value)) {
    throw new SignatureVerificationError(
      'invalid_signature',
      'signature timestamp is not a number of seconds',
      {
        provider,
      },
    );
  }
  const seconds = Number(value);
  if (toleranceSeconds > 0 && Math.abs(nowMs / 1000 - seconds) > toleranceSeconds) {
    throw new SignatureVerificationError(
      'stale_timestamp',
      `signature timestamp is outside the ${toleranceSeconds} s window`,
      { provider },
    );
  }
  return seconds;
}
