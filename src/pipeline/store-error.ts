import { RcsWebhookError, StoreDataError, StoreUnavailableError } from '../errors/index.js';

/**
 * A store call's failure as the pipeline reports it: typed errors pass through; an error about the
 * data the store was given (a retry fails the same way) is a `StoreDataError`; anything else, an
 * unknown error included, is an outage (503: the provider retries later).
 */
export function asStoreError(error: unknown, provider?: string): RcsWebhookError {
  if (error instanceof RcsWebhookError) return error;
  return refusesData(error) ? new StoreDataError(error, provider) : new StoreUnavailableError(error);
}

/**
 * PostgreSQL's SQLSTATE classes for what a value cannot be, whatever the server's state: 22 data
 * exception (an invalid byte sequence, a value out of range), 23 integrity constraint violation,
 * 54 program limit exceeded (an index row too large: an id of several kilobytes).
 */
function refusesData(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^(22|23|54)[0-9A-Z]{3}$/.test(code);
}
