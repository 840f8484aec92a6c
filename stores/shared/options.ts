import { ConfigurationError } from '../../src/errors/index.js';
import type { ConversationRecord } from '../../src/store/types.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Options every shared backend takes, with the same meaning and defaults as `memoryStore`. */
export interface SharedStoreOptions {
  /** How long message status is kept after its last report. Default 7 days. */
  messageTtlMs?: number;
  /** How long a conversation is kept after it ends (or after it was saved, when it has no end). Default 2 days. */
  conversationTtlMs?: number;
  /**
   * Longest a store call may take before it rejects (the request then answers 503 and the provider
   * retries). Default 5,000 ms.
   */
  timeoutMs?: number;
  /** Clock in epoch ms, for tests. Lease expiry and TTLs are judged by it. Default `Date.now`. */
  now?: () => number;
}

export interface ResolvedSharedOptions {
  messageTtlMs: number;
  conversationTtlMs: number;
  timeoutMs: number;
  now: () => number;
}

export function resolveSharedOptions(store: string, options: SharedStoreOptions): ResolvedSharedOptions {
  return {
    messageTtlMs: positiveMs(store, 'messageTtlMs', options.messageTtlMs, 7 * DAY_MS),
    conversationTtlMs: positiveMs(store, 'conversationTtlMs', options.conversationTtlMs, 2 * DAY_MS),
    timeoutMs: positiveMs(store, 'timeoutMs', options.timeoutMs, 5_000),
    now: options.now ?? Date.now,
  };
}

/** A whole, positive number of milliseconds (backends store integer expiries). */
export function positiveMs(store: string, name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new ConfigurationError(`${store}: ${name} must be a positive number of milliseconds`);
  }
  return Math.max(1, Math.ceil(value));
}

/** Same rule as memoryStore: kept `conversationTtlMs` past its end, or past now when it has no end. */
export function conversationTtlMs(record: ConversationRecord, now: number, conversationTtl: number): number {
  const ttl =
    record.endsAt === undefined ? conversationTtl : Math.max(record.endsAt - now, 0) + conversationTtl;
  return Math.max(1, Math.ceil(ttl));
}
