import type { ConversationStore } from '../store/types.js';

const FIRST_RETRY_MS = 50;
const LONGEST_RETRY_MS = 1_000;
export const MAX_PENDING_COMPLETIONS = 10_000;

/**
 * Events whose handlers succeeded but whose `store.complete` failed (the store went away between
 * the two). Without this, the provider's retry would find the claim released or expired and run
 * the handlers a second time. Instead the key is completed again in the background until the
 * store answers, and a retry of it meanwhile is answered as a duplicate once its completion
 * lands (see `settleBefore`). Held in this process only: a crash in that window re-runs them.
 */
export class PendingCompletions {
  readonly #store: ConversationStore;
  readonly #onDropped: (key: string) => void;
  /** By key: the TTL to complete it with and the token of the lease its handlers ran under. */
  readonly #pending = new Map<string, { ttlMs: number; token: string | undefined }>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #delayMs = FIRST_RETRY_MS;
  #closed = false;

  /** `onDropped`: told of a key given up on because `MAX_PENDING_COMPLETIONS` completions are pending already. */
  constructor(store: ConversationStore, onDropped: (key: string) => void) {
    this.#store = store;
    this.#onDropped = onDropped;
  }

  get size(): number {
    return this.#pending.size;
  }

  add(key: string, ttlMs: number, token?: string): void {
    if (this.#pending.size >= MAX_PENDING_COMPLETIONS) {
      const oldest = this.#pending.keys().next().value;
      if (oldest !== undefined) {
        this.#pending.delete(oldest);
        this.#onDropped(oldest);
      }
    }
    this.#pending.set(key, { ttlMs, token });
    this.#schedule();
  }

  /**
   * Before claiming `key`: `true` when it is pending and its completion now succeeds (the event is
   * a duplicate); throws the store's error when it is pending and the store still fails.
   */
  async settleBefore(key: string): Promise<boolean> {
    const pending = this.#pending.get(key);
    if (pending === undefined) return false;
    await this.#store.complete(key, pending.ttlMs, pending.token);
    this.#pending.delete(key);
    return true;
  }

  /** On `rcs.close()`: one last try at every pending completion, then no more retries. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#flush();
  }

  #schedule(): void {
    if (this.#closed || this.#timer !== undefined || this.#pending.size === 0) return;
    this.#timer = setTimeout(() => void this.#flush(), this.#delayMs);
    // Never keeps a process alive on its own.
    this.#timer.unref?.();
  }

  async #flush(): Promise<void> {
    let failed = false;
    for (const [key, { ttlMs, token }] of [...this.#pending]) {
      try {
        await this.#store.complete(key, ttlMs, token);
        this.#pending.delete(key);
      } catch {
        failed = true;
        break;
      }
    }
    this.#delayMs = failed ? Math.min(this.#delayMs * 2, LONGEST_RETRY_MS) : FIRST_RETRY_MS;
    this.#timer = undefined;
    this.#schedule();
  }
}
