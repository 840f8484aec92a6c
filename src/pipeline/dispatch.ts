import type { HandlerErrorPolicy } from '../core/options.js';
import { RcsWebhookError, StoreDataError } from '../errors/index.js';
import type { RcsEvent } from '../events/types.js';
import { errorResponse, jsonResponse, OK } from '../http/responses.js';
import type { WebhookResponse } from '../http/types.js';
import { encodeEvent } from '../inbox/codec.js';
import type { RequestTrace } from '../log/request-trace.js';
import { processEvent } from './process-event.js';
import type { PipelineState } from './state.js';
import { asStoreError } from './store-error.js';

/**
 * Inline mode runs each event of a request through the store and the handlers, in the provider's
 * order, and answers once they ran (500 when one failed, so the provider retries). Inbox mode
 * stores the verified events durably, answers 200 at once and leaves them to the worker (and runs
 * them inline when the store refuses their data).
 */
export async function dispatch(
  state: PipelineState,
  events: RcsEvent[],
  policy: HandlerErrorPolicy,
  /** Debug mode: told what became of each event. */
  trace?: RequestTrace,
): Promise<WebhookResponse> {
  if (state.inbox !== undefined) {
    const { store, worker } = state.inbox;
    const items = events.map((event) => ({
      key: `${event.provider}:${event.id}`,
      payload: encodeEvent(event),
    }));
    try {
      await store.enqueue(items);
      worker.wake();
      if (trace !== undefined) for (const event of events) trace.event(event, 'queued');
      return jsonResponse(200, OK);
    } catch (error) {
      const known = asStoreError(error);
      // A refusal of the data (an id too long for an index) would repeat on every retry: run these
      // events inline instead, where a refused claim is reported and the event still handled.
      if (!(known instanceof StoreDataError)) throw known;
      await state.emitter.reportError(known);
    }
  }

  let failed = 0;
  let inProgress = 0;
  for (const event of events) {
    const result = await processEvent(state, event, policy);
    if (result.outcome === 'failed') failed++;
    else if (result.outcome === 'in_progress') inProgress++;
    if (trace !== undefined) {
      const outcome =
        result.outcome === 'handled' && result.duplicate === true ? 'duplicate' : result.outcome;
      trace.event(event, outcome, state.log.subscribed(event.kind));
    }
  }
  if (failed > 0) return refused(new RcsWebhookError('handler_failed', 'a handler failed'), trace);
  if (inProgress > 0) {
    return refused(new RcsWebhookError('event_in_progress', 'another request is handling this event'), trace);
  }
  return jsonResponse(200, OK);
}

function refused(error: RcsWebhookError, trace: RequestTrace | undefined): WebhookResponse {
  if (trace !== undefined) trace.error = error;
  return errorResponse(error);
}
