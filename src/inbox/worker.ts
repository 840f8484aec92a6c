import { StoreUnavailableError } from '../errors/index.js';
import type { RcsEvent } from '../events/types.js';
import type { PipelineState } from '../pipeline/state.js';
import { asStoreError } from '../pipeline/store-error.js';
import type { InboxEntry, InboxStore } from '../store/inbox.js';
import { type AttemptContext, attempt } from './attempt.js';
import type { ResolvedInboxOptions } from './options.js';

/**
 * Takes due events from the inbox, `concurrency` at a time, and makes an attempt at each
 * (attempt.ts). A worker that dies holding entries loses nothing: their leases expire and any
 * instance's worker takes them again.
 */
export class InboxWorker {
  readonly #inbox: InboxStore;
  readonly #options: ResolvedInboxOptions;
  readonly #context: AttemptContext;
  readonly #inFlight = new Set<Promise<void>>();
  /** Entries being handled here, by key, with their current lease token. */
  readonly #leases = new Map<string, string>();
  #running = false;
  /** Incremented by `stop()`, which also ends a `drain()` under way. */
  #generation = 0;
  #polling: Promise<void> | undefined;
  #pollAgain = false;
  #storeFailing = false;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(state: PipelineState, inbox: InboxStore, options: ResolvedInboxOptions) {
    this.#inbox = inbox;
    this.#options = options;
    this.#context = {
      state,
      inbox,
      options,
      token: (key) => this.#leases.get(key) ?? '',
      reportStoreFailure: (error, event) => this.#reportStoreFailure(state, error, event),
    };
  }

  get running(): boolean {
    return this.#running;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#schedule(0);
  }

  /** Stops taking entries (a `drain()` too) and waits for the ones being handled. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#generation++;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#polling;
    await this.#settled();
  }

  /** Looks for due entries now (an event was just enqueued, or a slot freed up). */
  wake(): void {
    if (this.#running) this.#schedule(0);
  }

  /** Handles entries until none is due and none is in flight (retries scheduled later stay). */
  async drain(): Promise<void> {
    const generation = this.#generation;
    while (generation === this.#generation) {
      const free = this.#options.concurrency - this.#inFlight.size;
      const entries = free > 0 ? await this.#inbox.take(free, this.#context.state.leaseMs) : [];
      if (generation !== this.#generation) {
        this.#startAll(entries); // taken before stop(): handled, and stop() waits for them
        return;
      }
      if (entries.length === 0 && this.#inFlight.size === 0) return;
      this.#startAll(entries);
      await Promise.race([...this.#inFlight]);
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
        const entries = await this.#inbox.take(free, this.#context.state.leaseMs);
        this.#storeFailing = false;
        this.#startAll(entries);
        if (entries.length === free) delayMs = 0;
      }
    } catch (error) {
      await this.#context.reportStoreFailure(error);
    }
    if (this.#pollAgain) {
      this.#pollAgain = false;
      delayMs = 0;
    }
    // A timer fires after this poll's promise settled, so the next poll never overlaps it.
    if (delayMs !== undefined) this.#schedule(delayMs);
  }

  #startAll(entries: InboxEntry[]): void {
    for (const entry of entries) {
      const running = this.#leases.has(entry.key);
      this.#leases.set(entry.key, entry.leaseToken);
      // Taken again while it runs here (its lease ran out): keep the one attempt, under the new lease.
      if (running) continue;
      const work = attempt(this.#context, entry).finally(() => {
        this.#leases.delete(entry.key);
        this.#inFlight.delete(work);
        this.wake();
      });
      this.#inFlight.add(work);
    }
  }

  async #settled(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  /** Reported once per outage, not once per poll. */
  async #reportStoreFailure(state: PipelineState, error: unknown, event?: RcsEvent): Promise<void> {
    const known = asStoreError(error);
    const outage = known instanceof StoreUnavailableError;
    if (outage && this.#storeFailing && event === undefined) return;
    if (outage) this.#storeFailing = true;
    await state.emitter.reportError(known, event);
  }
}
