import type { DeadLetterEntry, InboxEntry, InboxItem, InboxStore } from './inbox.js';

interface Entry {
  payload: string;
  attempts: number;
  enqueuedAt: number;
  dueAt: number;
  lastError?: string;
  lease?: { token: string; until: number };
  deadAt?: number;
}

/**
 * The memory store's inbox: it works, but it is not durable (`durable: false`): entries live in
 * this process and are lost with it, so a crash after acknowledging loses events. Full at
 * `maxEntries` (dead letters included): `enqueue` then throws, and the provider retries later.
 */
export function memoryInbox(maxEntries: number, now: () => number): InboxStore {
  // Insertion order is roughly due order: a retried entry is moved to the end.
  const waiting = new Map<string, Entry>();
  const leased = new Map<string, Entry>();
  const dead = new Map<string, Entry>();
  let leaseCounter = 0;
  const find = (key: string) => waiting.get(key) ?? leased.get(key) ?? dead.get(key);
  const leasedBy = (key: string, token: string) => {
    const entry = leased.get(key);
    return entry?.lease?.token === token ? entry : undefined;
  };
  /** Ends the lease `token` holds on `key`: the entry, out of `leased`, or undefined when the token is stale. */
  const endLease = (key: string, token: string) => {
    const entry = leasedBy(key, token);
    if (entry === undefined) return undefined;
    leased.delete(key);
    delete entry.lease;
    return entry;
  };
  const expireLeases = (at: number) => {
    for (const [key, entry] of leased) {
      if ((entry.lease?.until ?? 0) > at) continue;
      leased.delete(key);
      delete entry.lease;
      waiting.set(key, entry);
    }
  };

  return {
    durable: false,

    async enqueue(items: readonly InboxItem[]) {
      const fresh = new Map<string, string>();
      for (const { key, payload } of items)
        if (find(key) === undefined) fresh.set(key, fresh.get(key) ?? payload);
      if (waiting.size + leased.size + dead.size + fresh.size > maxEntries) {
        throw new Error(`the memory inbox is full (${maxEntries} entries)`);
      }
      const at = now();
      for (const [key, payload] of fresh)
        waiting.set(key, { payload, attempts: 0, enqueuedAt: at, dueAt: at });
      return fresh.size;
    },

    async take(limit, leaseMs) {
      const at = now();
      expireLeases(at);
      const taken: InboxEntry[] = [];
      for (const [key, entry] of waiting) {
        if (taken.length >= limit) break;
        if (entry.dueAt > at) continue;
        waiting.delete(key);
        entry.attempts++;
        entry.lease = { token: `lease-${++leaseCounter}`, until: at + leaseMs };
        leased.set(key, entry);
        taken.push({
          key,
          payload: entry.payload,
          attempts: entry.attempts,
          enqueuedAt: entry.enqueuedAt,
          leaseToken: entry.lease.token,
          ...(entry.lastError === undefined ? {} : { lastError: entry.lastError }),
        });
      }
      return taken;
    },

    async extend(key, leaseToken, leaseMs) {
      const entry = leasedBy(key, leaseToken);
      if (entry?.lease === undefined) return false;
      entry.lease.until = now() + leaseMs;
      return true;
    },

    async postpone(key, leaseToken, delayMs) {
      const entry = endLease(key, leaseToken);
      if (entry === undefined) return;
      entry.attempts = Math.max(entry.attempts - 1, 0);
      entry.dueAt = now() + delayMs;
      waiting.set(key, entry);
    },

    async ack(key, leaseToken) {
      endLease(key, leaseToken);
    },

    async retry(key, leaseToken, delayMs, error) {
      const entry = endLease(key, leaseToken);
      if (entry === undefined) return;
      entry.dueAt = now() + delayMs;
      entry.lastError = error;
      waiting.set(key, entry);
    },

    async deadLetter(key, leaseToken, error) {
      const entry = endLease(key, leaseToken);
      if (entry === undefined) return;
      entry.deadAt = now();
      entry.lastError = error;
      dead.set(key, entry);
    },

    async listDeadLetters({ limit, offset }) {
      const letters: DeadLetterEntry[] = [];
      for (const [key, entry] of [...dead].slice(offset, offset + limit)) {
        letters.push({
          key,
          payload: entry.payload,
          attempts: entry.attempts,
          enqueuedAt: entry.enqueuedAt,
          deadAt: entry.deadAt ?? entry.enqueuedAt,
          ...(entry.lastError === undefined ? {} : { lastError: entry.lastError }),
        });
      }
      return letters;
    },

    async replay(key) {
      const entry = dead.get(key);
      if (entry === undefined) return false;
      dead.delete(key);
      delete entry.deadAt;
      entry.attempts = 0;
      entry.dueAt = now();
      waiting.set(key, entry);
      return true;
    },

    async discard(key) {
      return dead.delete(key);
    },

    async counts() {
      return { pending: waiting.size + leased.size, deadLetters: dead.size };
    },
  };
}
