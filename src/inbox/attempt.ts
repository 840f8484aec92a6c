import { DeadLetterError, type HandlerError } from '../errors/index.js';
import type { RcsEvent } from '../events/types.js';
import { processEvent } from '../pipeline/process-event.js';
import type { PipelineState } from '../pipeline/state.js';
import type { InboxEntry, InboxStore } from '../store/inbox.js';
import { decodeEvent } from './codec.js';
import { type ResolvedInboxOptions, retryDelay } from './options.js';

const ERROR_TEXT_LIMIT = 1_000;
/** How soon an event held by another worker or request is looked at again, at least. */
const IN_PROGRESS_DELAY_MS = 250;

export interface AttemptContext {
  state: PipelineState;
  inbox: InboxStore;
  options: ResolvedInboxOptions;
  /** The entry's current lease token: a take that returned it again while it runs replaces it. */
  token(key: string): string;
  reportStoreFailure(error: unknown, event?: RcsEvent): Promise<void>;
}

/**
 * One attempt at one inbox entry: runs it through the same per-event processing as inline mode
 * while a heartbeat keeps its lease (handlers may take longer than `leaseMs`), then acknowledges
 * it, gives it back (held elsewhere), retries it with backoff or dead-letters it. Never rejects.
 */
export async function attempt(context: AttemptContext, entry: InboxEntry): Promise<void> {
  const { inbox, options, state } = context;
  const stopRenewing = state.leases.keep(() =>
    inbox.extend(entry.key, context.token(entry.key), state.leaseMs),
  );
  let event: RcsEvent | undefined;
  try {
    try {
      event = decodeEvent(entry.payload);
    } catch (error) {
      await giveUp(context, entry, undefined, `undecodable entry: ${String(error)}`, error);
      return;
    }
    let result: Awaited<ReturnType<typeof processEvent>>;
    try {
      result = await processEvent(state, event, 'retry');
    } catch (error) {
      // The store failed (or refused this event): retried like a handler failure, so an event the
      // store keeps refusing ends in the dead letters instead of cycling through leases forever.
      await context.reportStoreFailure(error, event);
      // Reported once: if the store cannot take the retry either, the lease brings the entry back.
      await failed(context, entry, event, `store: ${describeOne(error)}`, error).catch(() => undefined);
      return;
    }
    if (state.log.debugging) {
      const outcome =
        result.outcome === 'handled' && result.duplicate === true ? 'duplicate' : result.outcome;
      state.log.attempt(event, outcome, entry.attempts);
    }
    if (result.outcome === 'handled') {
      await inbox.ack(entry.key, context.token(entry.key));
    } else if (result.outcome === 'in_progress') {
      const delayMs = Math.max(options.retryDelayMs, IN_PROGRESS_DELAY_MS);
      await inbox.postpone(entry.key, context.token(entry.key), delayMs);
    } else {
      await failed(context, entry, event, describe(result.error), result.error);
    }
  } catch (error) {
    // The store failed while recording the outcome: the lease expires and the entry comes back.
    await context.reportStoreFailure(error, event);
  } finally {
    stopRenewing();
  }
}

async function failed(
  context: AttemptContext,
  entry: InboxEntry,
  event: RcsEvent,
  text: string,
  cause: unknown,
): Promise<void> {
  if (entry.attempts >= context.options.maxAttempts) {
    await giveUp(context, entry, event, text, cause);
    return;
  }
  const delayMs = retryDelay(context.options, entry.attempts);
  await context.inbox.retry(entry.key, context.token(entry.key), delayMs, bounded(text));
}

async function giveUp(
  context: AttemptContext,
  entry: InboxEntry,
  event: RcsEvent | undefined,
  text: string,
  cause: unknown,
): Promise<void> {
  await context.inbox.deadLetter(entry.key, context.token(entry.key), bounded(text));
  await context.state.emitter.reportError(new DeadLetterError(entry.key, entry.attempts, cause), event);
}

/** What a failed attempt is remembered by: the handlers' error names and messages (bounded when stored). */
function describe(error: HandlerError): string {
  return error.errors.map(describeOne).join('; ');
}

function describeOne(cause: unknown): string {
  const root = cause instanceof Error && cause.name === 'StoreUnavailableError' ? cause.cause : cause;
  return root instanceof Error ? `${root.name}: ${root.message}` : `thrown: ${String(root)}`;
}

function bounded(text: string): string {
  return text.length > ERROR_TEXT_LIMIT ? `${text.slice(0, ERROR_TEXT_LIMIT)}…` : text;
}
