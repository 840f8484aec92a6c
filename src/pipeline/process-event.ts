import type { HandlerErrorPolicy } from '../core/options.js';
import { HandlerError, StoreUnavailableError } from '../errors/index.js';
import type { RcsEvent } from '../events/types.js';
import type { PipelineState } from './state.js';
import { asStoreError } from './store-error.js';
import { rederive } from './track-conversation.js';
import { trackState } from './track-state.js';

/**
 * - `handled`: its handlers succeeded now or before (or failed under `acknowledge`);
 * - `failed`: a handler failed under `retry`: the claim is released for the next attempt;
 * - `in_progress`: another request or worker holds its claim.
 */
export type EventOutcome =
  | { outcome: 'handled' }
  | { outcome: 'in_progress' }
  | { outcome: 'failed'; error: HandlerError };

const HANDLED: EventOutcome = { outcome: 'handled' };
const IN_PROGRESS: EventOutcome = { outcome: 'in_progress' };

/**
 * Runs one event through the store and the handlers. The event is claimed before its handlers
 * run, completed when they succeed and released when they fail, so a retry re-runs only what
 * failed. A session derived from the event (derive-conversation.ts) follows it as an event of
 * its own. Store failures throw `StoreUnavailableError`.
 */
export async function processEvent(
  state: PipelineState,
  event: RcsEvent,
  policy: HandlerErrorPolicy,
): Promise<EventOutcome> {
  const key = `${event.provider}:${event.id}`;
  // Nothing is pending nearly always: then no settleBefore call (two promises and awaits per event).
  const outcome =
    state.pendingCompletions.size > 0 && (await settleBefore(state, key))
      ? 'duplicate'
      : await storeCall(() => state.store.claim(key, state.leaseMs));
  if (outcome === 'in_progress') return IN_PROGRESS;
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
    // When it failed, the retry derives the session again, after the event it follows.
    const failure = await settle(state, event, key, policy);
    if (failure !== undefined) return failure;
  }
  if (derived === undefined) return HANDLED;
  // A derived session is claimed by its deterministic id. Held by another request
  // (in_progress), it is that request's to finish or to have retried.
  const derivedKey = `${derived.provider}:${derived.id}`;
  if (state.pendingCompletions.size > 0 && (await settleBefore(state, derivedKey))) return HANDLED;
  if ((await storeCall(() => state.store.claim(derivedKey, state.leaseMs))) !== 'claimed') return HANDLED;
  return (await settle(state, derived, derivedKey, policy)) ?? HANDLED;
}

/** Runs the handlers; completes the claim, or releases it when they failed under `retry` (then the failure). */
async function settle(
  state: PipelineState,
  event: RcsEvent,
  key: string,
  policy: HandlerErrorPolicy,
): Promise<EventOutcome | undefined> {
  const errors = await state.emitter.emit(event);
  if (errors.length > 0) {
    const error = new HandlerError(errors, event);
    await state.emitter.reportError(error, event);
    if (policy === 'retry') {
      await storeCall(() => state.store.release(key));
      return { outcome: 'failed', error };
    }
  }
  try {
    await state.store.complete(key, state.idempotencyTtlMs);
  } catch (error) {
    // The handlers ran: the event is handled. Completing it is retried until the store answers.
    state.pendingCompletions.add(key, state.idempotencyTtlMs);
    await state.emitter.reportError(new StoreUnavailableError(error), event);
  }
  return undefined;
}

function settleBefore(state: PipelineState, key: string): Promise<boolean> {
  return storeCall(() => state.pendingCompletions.settleBefore(key));
}

async function storeCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw asStoreError(error);
  }
}
