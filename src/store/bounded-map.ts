/**
 * A Map with a per-entry expiry and a size cap: the oldest-written entries are evicted first.
 * Expired entries are dropped when read and (in periodic sweeps) when the cap is reached, so memory
 * stays bounded and a write costs O(1) amortized even at the cap.
 *
 * Each value carries its own expiry (read with `expiresAt`): a wrapper object per entry would cost
 * about 56 bytes (the object and its boxed number), a tenth of a tracked message.
 */
export class BoundedMap<V> {
  readonly #entries = new Map<string, V>();
  #oldest: Iterator<[string, V]> | undefined;
  #evictions = 0;
  readonly #sweepEvery: number;

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number,
    private readonly expiresAt: (value: V) => number,
    /** Told of every entry dropped because it expired or the cap was reached (not of delete / set). */
    private readonly onEvict?: (key: string, value: V) => void,
  ) {
    this.#sweepEvery = Math.max(1, Math.floor(maxEntries / 10));
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): V | undefined {
    const value = this.#entries.get(key);
    if (value === undefined) return undefined;
    if (this.expiresAt(value) <= this.now()) {
      this.#drop(key, value);
      return undefined;
    }
    return value;
  }

  /** Stores `value` (its expiry included) as the newest write. */
  set(key: string, value: V): void {
    this.#entries.delete(key); // re-insert so insertion order tracks the latest write
    this.#entries.set(key, value);
    if (this.#entries.size > this.maxEntries) this.#evict();
  }

  /**
   * Stores `value` where `key` already is in the eviction order (new keys go last): one hash
   * lookup instead of the two of `set`, which on a hot path (a claim, then its completion) is
   * a measurable part of the store's cost.
   */
  put(key: string, value: V): void {
    this.#entries.set(key, value);
    if (this.#entries.size > this.maxEntries) this.#evict();
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  #drop(key: string, value: V): void {
    this.#entries.delete(key);
    this.onEvict?.(key, value);
  }

  #evict(): void {
    // Expired entries go first, but finding them is a full scan: do it at most once per
    // maxEntries/10 evictions, so a store at its cap costs O(1) per write (amortized), not O(n).
    if (this.#evictions++ % this.#sweepEvery === 0) {
      const now = this.now();
      for (const [key, value] of this.#entries) if (this.expiresAt(value) <= now) this.#drop(key, value);
    }
    // Still over the cap: drop the oldest writes. One iterator is kept across calls: a Map iterator
    // created per eviction would step over every slot deleted before it (O(n) again until a rehash).
    // Everything before the cursor has been deleted, so its next entry is always the oldest write.
    while (this.#entries.size > this.maxEntries) {
      this.#oldest ??= this.#entries.entries();
      const next = this.#oldest.next();
      if (next.done === true) this.#oldest = undefined;
      else this.#drop(next.value[0], next.value[1]);
    }
  }
}
