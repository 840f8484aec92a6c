import { RcsWebhookError, StoreUnavailableError } from '../errors/index.js';

/** A store call's failure as the pipeline reports it: typed errors pass through, anything else is an outage. */
export function asStoreError(error: unknown): RcsWebhookError {
  return error instanceof RcsWebhookError ? error : new StoreUnavailableError(error);
}
