import type { HandlerErrorPolicy } from '../core/options.js';
import { HandlerError, StoreDataError, StoreUnavailableError } from '../errors/index.js';
import type { RcsEvent } from '../events/types.js';
import type { ClaimOutcome } from '../store/types.js';
import { newLeaseToken } from './leases.js';
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
  | { outcome: 'handled'; duplicate?: true }
  | { outcome: 'in_progress' }
  | { outcome: 'failed'; error: HandlerError };

const HANDLED: EventOutcome = { outcome: 'handled' };
/** Handled before: its handlers did not run again (debug lines say so). */
const DUPLICATE: EventOutcome = { outcome: 'handled', duplicate: true };
const IN_PROGRESS: EventOutcome = { outcome: 'in_progress' };

/** What a store call returns when the store refused the event's data (reported already). */
const REFUSED = Symbol('refused');

/** A claim this run holds: `extend`, `complete` and `release` act only for its token. */
interface Lease {
  key: string;
  token: string;
}

/**
 * Runs one event through the store and the handlers. The event is claimed before its handlers
 * run (its lease renewed while they run), completed when they succeed and released when they
 * fail, so a retry re-runs only what failed. A session derived from the event
 * (derive-conversation.ts) follows it as an event of its own. Store outages throw
 * `StoreUnavailableError`. A store that refuses an event's data (a `StoreDataError`, the same on
 * every retry) is reported to `onError`, and the event is handled without what was refused: never
 * lost, never blocking the rest of its batch.
 */
export async function processEvent(
  state: PipelineState,
  event: RcsEvent,
  policy: HandlerErrorPolicy,
): Promise<EventOutcome> {
  const key = `${event.provider}:${event.id}`;
  const token = newLeaseToken();
  const outcome = await storeStep(state, event, () => claim(state, key, token));
  if (outcome === 'in_progress') return IN_PROGRESS;
  let derived: RcsEvent | undefined;
  if (outcome === 'duplicate') {
    // Its handlers succeeded before; a session it derived may not have (the claim tells).
    if (event.kind === 'delivery' || event.kind === 'inbound') {
      derived = orNothing(await storeStep(state, event, () => rederive(state, event)));
    }
  } else {
    // Refused, the event runs without a claim: its handlers may run again on a retry, never zero times.
    const lease = outcome === REFUSED ? undefined : { key, token };
    const stopRenewing = keepLease(state, lease);
    try {
      try {
        derived = orNothing(await storeStep(state, event, () => trackState(state, event)));
      } catch (error) {
        if (lease !== undefined) await state.store.release(key, token).catch(() => undefined);
        throw error;
      }
      // When it failed, the retry derives the session again, after the event it follows.
      const failure = await settle(state, event, lease, policy);
      if (failure !== undefined) return failure;
    } finally {
      stopRenewing();
    }
  }
  const done = outcome === 'duplicate' ? DUPLICATE : HANDLED;
  if (derived === undefined) return done;
  // A derived session is claimed by its deterministic id. Held by another request
  // (in_progress), it is that request's to finish or to have retried.
  const derivedKey = `${derived.provider}:${derived.id}`;
  const derivedToken = newLeaseToken();
  const derivedOutcome = await storeStep(state, derived, () => claim(state, derivedKey, derivedToken));
  if (derivedOutcome === 'duplicate' || derivedOutcome === 'in_progress') return done;
  const derivedLease = derivedOutcome === REFUSED ? undefined : { key: derivedKey, token: derivedToken };
  const stopRenewing = keepLease(state, derivedLease);
  try {
    return (await settle(state, derived, derivedLease, policy)) ?? done;
  } finally {
    stopRenewing();
  }
}

/** Claims `key`, unless its completion is pending here and lands now (then it is a duplicate). */
async function claim(state: PipelineState, key: string, token: string): Promise<ClaimOutcome> {
  // Nothing is pending nearly always: then no settleBefore call (two promises and awaits per event).
  if (state.pendingCompletions.size > 0 && (await state.pendingCompletions.settleBefore(key))) {
    return 'duplicate';
  }
  return state.store.claim(key, state.leaseMs, token);
}

/** Renews the lease while the event's handlers run (stores without `extend` cannot). */
function keepLease(state: PipelineState, lease: Lease | undefined): () => void {
  const { extend } = state.store;
  if (lease === undefined || extend === undefined) return () => {};
  return state.leases.keep(() => extend.call(state.store, lease.key, lease.token, state.leaseMs));
}

/** Runs the handlers; completes the claim, or releases it when they failed under `retry` (then the failure). */
async function settle(
  state: PipelineState,
  event: RcsEvent,
  lease: Lease | undefined,
  policy: HandlerErrorPolicy,
): Promise<EventOutcome | undefined> {
  const errors = await state.emitter.emit(event);
  if (errors.length > 0) {
    const error = new HandlerError(errors, event);
    await state.emitter.reportError(error, event);
    if (policy === 'retry') {
      if (lease !== undefined)
        await storeStep(state, event, () => state.store.release(lease.key, lease.token));
      return { outcome: 'failed', error };
    }
  }
  if (lease === undefined) return undefined;
  try {
    await state.store.complete(lease.key, state.idempotencyTtlMs, lease.token);
  } catch (error) {
    const known = asStoreError(error, event.provider);
    // The handlers ran: the event is handled. Completing it is retried until the store answers
    // (not when the store refused it: that would fail the same way).
    if (!(known instanceof StoreDataError)) {
      state.pendingCompletions.add(lease.key, state.idempotencyTtlMs, lease.token);
    }
    await state.emitter.reportError(
      known instanceof StoreDataError ? known : new StoreUnavailableError(error),
      event,
    );
  }
  return undefined;
}

/** A store call: an outage throws (typed); a refusal of the event's data is reported and returns REFUSED. */
async function storeStep<T>(
  state: PipelineState,
  event: RcsEvent,
  call: () => Promise<T>,
): Promise<T | typeof REFUSED> {
  try {
    return await call();
  } catch (error) {
    const known = asStoreError(error, event.provider);
    if (!(known instanceof StoreDataError)) throw known;
    await state.emitter.reportError(known, event);
    return REFUSED;
  }
}

function orNothing<T>(value: T | typeof REFUSED): T | undefined {
  return value === REFUSED ? undefined : value;
}
