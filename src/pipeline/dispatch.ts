import type { HandlerErrorPolicy } from '../core/options.js';
import { HandlerError, RcsWebhookError, StoreUnavailableError } from '../errors/index.js';
import type { RcsEvent } from '../events/types.js';
import { errorResponse, jsonResponse } from '../http/responses.js';
import type { WebhookResponse } from '../http/types.js';
import type { PipelineState } from './state.js';
import { trackState } from './track-state.js';

/**
 * Runs each event of a request through the store and the handlers, in the provider's order.
 * An event is claimed before its handlers run, completed when they succeed and released when
 * they fail, so a provider retry re-runs only the events that failed.
 */
export async function dispatch(
  state: PipelineState,
  events: RcsEvent[],
  policy: HandlerErrorPolicy,
): Promise<WebhookResponse> {
  let failed = 0;
  let inProgress = 0;
  for (const event of events) {
    const key = `${event.provider}:${event.id}`;
    const outcome = await storeCall(() => state.store.claim(key, state.leaseMs));
    if (outcome === 'duplicate') continue;
    if (outcome === 'in_progress') {
      inProgress++;
      continue;
    }
    try {
      await storeCall(() => trackState(state.store, event));
    } catch (error) {
      await state.store.release(key).catch(() => undefined);
      throw error;
    }

    const errors = await state.emitter.emit(event);
    if (errors.length > 0) {
      await state.emitter.reportError(new HandlerError(errors, event), event);
      if (policy === 'retry') {
        failed++;
        await storeCall(() => state.store.release(key));
        continue;
      }
    }
    await storeCall(() => state.store.complete(key, state.idempotencyTtlMs));
  }

  if (failed > 0) return errorResponse(new RcsWebhookError('handler_failed', 'a handler failed'));
  if (inProgress > 0) {
    return errorResponse(new RcsWebhookError('event_in_progress', 'another request is handling this event'));
  }
  return jsonResponse(200, { ok: true });
}

async function storeCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw error instanceof RcsWebhookError ? error : new StoreUnavailableError(error);
  }
}
