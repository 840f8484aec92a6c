import { randomBytes } from 'node:crypto';

/** This process's part of every lease token: random, so two instances never hand out the same one. */
const PROCESS_PART = randomBytes(9).toString('base64url');
let issued = 0;

/** A fresh lease token, unique across instances (cheaper than a UUID per claim). */
export function newLeaseToken(): string {
  return `${PROCESS_PART}.${(++issued).toString(36)}`;
}

interface Renewal {
  renew: () => Promise<unknown>;
  since: number;
  running: boolean;
}

/**
 * Keeps leases alive while their handlers run, which may take longer than `leaseMs`: the inline
 * pipeline's claims and the inbox worker's entries. One timer renews every lease held every
 * leaseMs / 3 (a lease younger than half that waits for the next round), so an event costs no
 * timer of its own and a lease is renewed at most leaseMs / 2 after it was taken or last renewed.
 */
export class LeaseKeeper {
  readonly #intervalMs: number;
  readonly #renewals = new Set<Renewal>();
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(leaseMs: number) {
    this.#intervalMs = Math.max(leaseMs / 3, 10);
  }

  /** Calls `renew` every round until the returned function is called. A failed renewal is retried next round. */
  keep(renew: () => Promise<unknown>): () => void {
    const renewal: Renewal = { renew, since: Date.now(), running: false };
    this.#renewals.add(renewal);
    if (this.#timer === undefined) {
      this.#timer = setInterval(() => this.#round(), this.#intervalMs);
      // Like the inbox worker, never keeps a process alive by itself.
      this.#timer.unref?.();
    }
    return () => {
      this.#renewals.delete(renewal);
    };
  }

  #round(): void {
    if (this.#renewals.size === 0) {
      // Stopped only here, a round later: a steady stream of events does not create a timer each.
      clearInterval(this.#timer);
      this.#timer = undefined;
      return;
    }
    const youngest = Date.now() - this.#intervalMs / 2;
    for (const renewal of this.#renewals) {
      if (renewal.running || renewal.since > youngest) continue;
      renewal.running = true;
      renewal
        .renew()
        .catch(() => undefined)
        .finally(() => {
          renewal.running = false;
        });
    }
  }
}
