/**
 * A durable inbox (README "Processing modes"): verified events wait here, acknowledged to the
 * provider, until a worker has run their handlers. Entries are opaque to the store: `key` is the
 * event's idempotency key and `payload` the event as the core serialized it.
 *
 * Every method must be atomic on its own: the workers of several instances share one inbox.
 */
export interface InboxStore {
  /**
   * Whether an entry survives the process that enqueued it (a crash, a deploy, SIGKILL).
   * `false` for `memoryStore`: its inbox lives in the process and dies with it.
   */
  readonly durable: boolean;
  /**
   * Adds the entries whose key is not in the inbox yet (waiting, leased or dead), due at once.
   * Resolves only when they are stored durably. Returns how many were added.
   */
  enqueue(entries: readonly InboxItem[]): Promise<number>;
  /**
   * Leases up to `limit` due entries (due time reached, no live lease), earliest due first, for
   * `leaseMs`; each one's `attempts` is incremented. An entry whose lease expires (its worker
   * died) is due again.
   */
  take(limit: number, leaseMs: number): Promise<InboxEntry[]>;
  /**
   * Renews a lease for `leaseMs` from now while the entry's handlers still run (a heartbeat), so
   * no other worker takes it. `false` when `leaseToken` is no longer the entry's lease.
   */
  extend(key: string, leaseToken: string, leaseMs: number): Promise<boolean>;
  /**
   * Gives a leased entry back without counting the attempt (`attempts` is decremented) and without
   * touching `lastError`: due again `delayMs` from now. For an event another worker or request is
   * handling right now, or a worker shutting down. Same token rule as `ack`.
   */
  postpone(key: string, leaseToken: string, delayMs: number): Promise<void>;
  /** Removes a handled entry. Does nothing when `leaseToken` is no longer the entry's lease. */
  ack(key: string, leaseToken: string): Promise<void>;
  /** Releases the lease; the entry is due again `delayMs` from now, with `error` kept. Same token rule. */
  retry(key: string, leaseToken: string, delayMs: number, error: string): Promise<void>;
  /** Moves a leased entry to the dead-letter list, with `error` kept. Same token rule. */
  deadLetter(key: string, leaseToken: string, error: string): Promise<void>;
  /** Dead letters, oldest first. */
  listDeadLetters(options: { limit: number; offset: number }): Promise<DeadLetterEntry[]>;
  /** Makes a dead letter due again at once, with `attempts` reset. `false` when `key` is not one. */
  replay(key: string): Promise<boolean>;
  /** Deletes a dead letter. `false` when `key` is not one. */
  discard(key: string): Promise<boolean>;
  /** How many entries wait (due, scheduled or leased) and how many are dead letters. */
  counts(): Promise<InboxCounts>;
}

export interface InboxItem {
  key: string;
  payload: string;
}

export interface InboxEntry extends InboxItem {
  /** Times a worker has taken it, this time included. */
  attempts: number;
  /** Epoch ms, store clock. */
  enqueuedAt: number;
  /** Identifies this lease: `ack`, `retry` and `deadLetter` act only while it is current. */
  leaseToken: string;
  /** What the previous attempt failed with. */
  lastError?: string;
}

export interface DeadLetterEntry extends InboxItem {
  attempts: number;
  enqueuedAt: number;
  /** Epoch ms, store clock. */
  deadAt: number;
  lastError?: string;
}

export interface InboxCounts {
  pending: number;
  deadLetters: number;
}
