import type { HandlerErrorPolicy } from '../core/options.js';
import { HandlerError, RcsWebhookError, StoreUnavailableError } from '../errors/index.js';
import type { RcsEvent } from '../events/types.js';
import { errorResponse, jsonResponse, OK } from '../http/responses.js';
import type { WebhookResponse } from '../http/types.js';
import type { PipelineState } from './state.js';
import { rederive } from './track-conversation.js';
import { trackState } from './track-state.js';

/**
 * Runs each event of a request through the store and the handlers, in the provider's order.
 * An event is claimed before its handlers run, completed when they succeed and released when
 * they fail, so a provider retry re-runs only the events that failed. A session derived from an
 * event (derive-conversation.ts) follows it, as an event of its own.
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
    if (outcome === 'in_progress') {
      inProgress++;
      continue;
    }
    let derived: RcsEvent | undefined;
    if (outcome === 'duplicate') {
      // Its handlers succeeded before; a session it derived may not have (the claim tells).
      if (event.kind === 'delivery' || event.kind === 'inbound') {
        derived = await storeCall(() => rederive(state, event));
      }
    } else {
      try {
        derived = await storeCall(() => trackState(state, event));
      } catch (error) {
        await state.store.release(key).catch(() => undefined);
        throw error;
      }
      if (!(await settle(state, event, key, policy))) {
        // The retry derives the session again, after the event it follows.
        failed++;
        continue;
      }
    }
    if (derived === undefined) continue;
    // A derived session is an event of its own, claimed by its deterministic id. Held by another
    // request (in_progress), it is that request's to finish or to have retried.
    const derivedKey = `${derived.provider}:${derived.id}`;
    if ((await storeCall(() => state.store.claim(derivedKey, state.leaseMs))) !== 'claimed') continue;
    if (!(await settle(state, derived, derivedKey, policy))) failed++;
  }

  if (failed > 0) return errorResponse(new RcsWebhookError('handler_failed', 'a handler failed'));
  if (inProgress > 0) {
    return errorResponse(new RcsWebhookError('event_in_progress', 'another request is handling this event'));
  }
  return jsonResponse(200, OK);
}

/** Runs the handlers; completes the claim, or releases it when they failed under `retry` (then `false`). */
async function settle(
  state: PipelineState,
  event: RcsEvent,
  key: string,
  policy: HandlerErrorPolicy,
): Promise<boolean> {
  const errors = await state.emitter.emit(event);
  if (errors.length > 0) {
    await state.emitter.reportError(new HandlerError(errors, event), event);
    if (policy === 'retry') {
      await storeCall(() => state.store.release(key));
      return false;
    }
  }
  await storeCall(() => state.store.complete(key, state.idempotencyTtlMs));
  return true;
}

async function storeCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw error instanceof RcsWebhookError ? error : new StoreUnavailableError(error);
  }
}
