import { ConfigurationError } from '../errors/index.js';
import type { RcsEvent } from '../events/types.js';
import type { PipelineState } from '../pipeline/state.js';
import type { InboxCounts, InboxStore } from '../store/inbox.js';
import { decodeEvent } from './codec.js';

/** `rcs.inbox`: the worker of the inbox processing mode. */
export interface InboxControl {
  /** Whether this instance runs in inbox mode (option `inbox`). */
  readonly enabled: boolean;
  /** Starts the worker (automatic unless `inbox.autoStart` is false). */
  start(): void;
  /** Stops taking events and waits for those being handled: call it on shutdown. */
  stop(): Promise<void>;
  /** Handles events until none is due (retries scheduled for later stay): for scripts and tests. */
  drain(): Promise<void>;
  /** Events waiting (due, scheduled or being handled) and dead letters, across every instance. */
  counts(): Promise<InboxCounts>;
}

/** An event whose handlers kept failing, as `rcs.deadLetters.list()` returns it. */
export interface DeadLetter {
  /** `provider:eventId`: what `replay` and `discard` take. */
  key: string;
  /** The event; `undefined` only when its stored entry could not be read back (see `payload`). */
  event: RcsEvent | undefined;
  payload: string;
  attempts: number;
  enqueuedAt: Date;
  deadAt: Date;
  /** The last failure: handler error names and messages. */
  lastError?: string;
}

/** `rcs.deadLetters`: events that failed `inbox.maxAttempts` times. */
export interface DeadLetters {
  /** Oldest first. Default limit 100. */
  list(options?: { limit?: number; offset?: number }): Promise<DeadLetter[]>;
  /** Puts one back in the inbox, due now with its attempts reset. `false` when `key` is not a dead letter. */
  replay(key: string): Promise<boolean>;
  /** Replays every dead letter; returns how many. */
  replayAll(): Promise<number>;
  /** Deletes one for good. `false` when `key` is not a dead letter. */
  discard(key: string): Promise<boolean>;
}

export function inboxControl(state: PipelineState): InboxControl {
  const worker = () => {
    if (state.inbox === undefined) throw new ConfigurationError('inbox mode is off: set the option `inbox`');
    return state.inbox.worker;
  };
  return {
    enabled: state.inbox !== undefined,
    start: () => worker().start(),
    stop: async () => state.inbox?.worker.stop(),
    drain: async () => worker().drain(),
    counts: async () => inboxOf(state).counts(),
  };
}

export function deadLetters(state: PipelineState): DeadLetters {
  const replay = async (key: string) => {
    const replayed = await inboxOf(state).replay(key);
    if (replayed) state.inbox?.worker.wake();
    return replayed;
  };
  return {
    async list(options = {}) {
      const entries = await inboxOf(state).listDeadLetters({
        limit: options.limit ?? 100,
        offset: options.offset ?? 0,
      });
      return entries.map((entry) => ({
        key: entry.key,
        event: decodeOrUndefined(entry.payload),
        payload: entry.payload,
        attempts: entry.attempts,
        enqueuedAt: new Date(entry.enqueuedAt),
        deadAt: new Date(entry.deadAt),
        ...(entry.lastError === undefined ? {} : { lastError: entry.lastError }),
      }));
    },
    replay,
    async replayAll() {
      const inbox = inboxOf(state);
      let replayed = 0;
      // Bounded by the count at the start, so letters dying again meanwhile are not looped over.
      let left = (await inbox.counts()).deadLetters;
      while (left > 0) {
        const page = await inbox.listDeadLetters({ limit: Math.min(left, 100), offset: 0 });
        if (page.length === 0) break;
        for (const entry of page) if (await replay(entry.key)) replayed++;
        left -= page.length;
      }
      return replayed;
    },
    discard: async (key) => inboxOf(state).discard(key),
  };
}

function inboxOf(state: PipelineState): InboxStore {
  const inbox = state.inbox?.store ?? state.store.inbox;
  if (inbox === undefined)
    throw new ConfigurationError('the store has no inbox (memoryStore, redisStore and postgresStore do)');
  return inbox;
}

function decodeOrUndefined(payload: string): RcsEvent | undefined {
  try {
    return decodeEvent(payload);
  } catch {
    return undefined;
  }
}
