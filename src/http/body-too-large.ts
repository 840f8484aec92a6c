import { RequestRejectedError } from '../errors/index.js';

/**
 * The 413 every reader reports: it names the limit and the option that sets it, so a refused
 * large webhook says what to raise.
 */
export function bodyTooLarge(limit: number, options: { provider?: string; cause?: unknown } = {}) {
  return new RequestRejectedError(
    'body_too_large',
    `body over ${limit} bytes (the maxBodyBytes option)`,
    options,
  );
}
