import {
  DeadLetterError,
  type HandlerError,
  RcsWebhookError,
  StoreUnavailableError,
} from '../errors/index.js';
import type { RcsEvent } from '../events/types.js';
import { processEvent } from '../pipeline/process-event.js';
import type { PipelineState } from '../pipeline/state.js';
import type { InboxEntry, InboxStore } from '../store/inbox.js';
import { decodeEvent } from './codec.js';
import { type ResolvedInboxOptions, retryDelay } from './options.js';

const ERROR_TEXT_LIMIT = 1_000;

/**
 * Takes due events from the inbox and runs them through the same per-event processing as inline
 * mode: an event is acknowledged (removed) once its handlers succeeded, retried with backoff when
 * they failed, and dead-lettered after `maxAttempts`. A worker that dies holding entries loses
 * nothing: their leases expire and any instance's worker takes them again.
 */
export class InboxWorker {
  readonly #state: PipelineState;
  readonly #inbox: InboxStore;
  readonly #options: ResolvedInboxOptions;
  readonly #inFlight = new Set<Promise<void>>();
  #running = false;
  #polling: Promise<void> | undefined;
  #pollAgain = false;
  #storeFailing = false;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(state: PipelineState, inbox: InboxStore, options: ResolvedInboxOptions) {
    this.#state = state;
    this.#inbox = inbox;
    this.#options = options;
  }

  get running(): boolean {
    return this.#running;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#schedule(0);
  }

  /** Stops taking entries and waits for the ones being handled (a take under way included). */
  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#polling;
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  /** Looks for due entries now (an event was just enqueued, or a slot freed up). */
  wake(): void {
    if (this.#running) this.#schedule(0);
  }

  /** Handles entries until none is due and none is in flight (retries scheduled later stay). */
  async drain(): Promise<void> {
    for (;;) {
      const entries = await this.#inbox.take(this.#options.concurrency, this.#state.leaseMs);
      if (entries.length > 0) {
        await Promise.all(entries.map((entry) => this.#process(entry)));
      } else if (this.#inFlight.size > 0) {
        await Promise.allSettled([...this.#inFlight]);
      } else {
        return;
      }
    }
  }

  #schedule(delayMs: number): void {
    if (!this.#running) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (this.#polling !== undefined) {
        this.#pollAgain = true;
        return;
      }
      this.#polling = this.#poll().finally(() => {
        this.#polling = undefined;
      });
    }, delayMs);
    // Like a cache's sweeper, the worker never keeps a process alive by itself: the server does.
    this.#timer.unref?.();
  }

  async #poll(): Promise<void> {
    let delayMs: number | undefined = this.#options.pollIntervalMs;
    try {
      const free = this.#options.concurrency - this.#inFlight.size;
      if (free <= 0) {
        delayMs = undefined; // a finishing event wakes the worker
      } else {
        const entries = await this.#inbox.take(free, this.#state.leaseMs);
        this.#storeFailing = false;
        for (const entry of entries) this.#track(this.#process(entry));
        if (entries.length === free) delayMs = 0;
      }
    } catch (error) {
      await this.#reportStoreFailure(error);
    }
    if (this.#pollAgain) {
      this.#pollAgain = false;
      delayMs = 0;
    }
    // A timer fires after this poll's promise settled, so the next poll never overlaps it.
    if (delayMs !== undefined) this.#schedule(delayMs);
  }

  #track(work: Promise<void>): void {
    this.#inFlight.add(work);
    void work.finally(() => {
      this.#inFlight.delete(work);
      this.wake();
    });
  }

  /** Never rejects: every failure is reported through `onError` and left to a later attempt. */
  async #process(entry: InboxEntry): Promise<void> {
    let event: RcsEvent | undefined;
    try {
      event = decodeEvent(entry.payload);
      const result = await processEvent(this.#state, event, 'retry');
      if (result.outcome === 'handled') {
        await this.#inbox.ack(entry.key, entry.leaseToken);
      } else if (result.outcome === 'in_progress') {
        // Another worker or request holds the claim: look again once it may have finished.
        await this.#inbox.retry(
          entry.key,
          entry.leaseToken,
          this.#options.retryDelayMs,
          'in progress elsewhere',
        );
      } else if (entry.attempts >= this.#options.maxAttempts) {
        await this.#inbox.deadLetter(entry.key, entry.leaseToken, describe(result.error));
        await this.#state.emitter.reportError(
          new DeadLetterError(entry.key, entry.attempts, result.error),
          event,
        );
      } else {
        const delayMs = retryDelay(this.#options, entry.attempts);
        await this.#inbox.retry(entry.key, entry.leaseToken, delayMs, describe(result.error));
      }
    } catch (error) {
      if (event === undefined) {
        await this.#deadLetterUndecodable(entry, error);
      } else {
        // The store failed mid-way: the lease expires and the entry is taken again.
        await this.#reportStoreFailure(error, event);
      }
    }
  }

  async #deadLetterUndecodable(entry: InboxEntry, error: unknown): Promise<void> {
    try {
      await this.#inbox.deadLetter(entry.key, entry.leaseToken, `undecodable entry: ${String(error)}`);
      await this.#state.emitter.reportError(new DeadLetterError(entry.key, entry.attempts, error));
    } catch (storeError) {
      await this.#reportStoreFailure(storeError);
    }
  }

  /** Reported once per outage, not once per poll. */
  async #reportStoreFailure(error: unknown, event?: RcsEvent): Promise<void> {
    const known = error instanceof RcsWebhookError ? error : new StoreUnavailableError(error);
    if (known instanceof StoreUnavailableError && this.#storeFailing && event === undefined) return;
    if (known instanceof StoreUnavailableError) this.#storeFailing = true;
    await this.#state.emitter.reportError(known, event);
  }
}

/** What a failed attempt is remembered by: the handlers' error names and messages, bounded. */
function describe(error: HandlerError): string {
  const parts = error.errors.map((cause) =>
    cause instanceof Error ? `${cause.name}: ${cause.message}` : `thrown: ${String(cause)}`,
  );
  const text = parts.join('; ');
  return text.length > ERROR_TEXT_LIMIT ? `${text.slice(0, ERROR_TEXT_LIMIT)}…` : text;
}
