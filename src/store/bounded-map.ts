/**
 * A Map with a per-entry expiry and a size cap: the oldest-written entries are evicted first.
 * Expired entries are dropped when read and (in periodic sweeps) when the cap is reached, so memory
 * stays bounded and a write costs O(1) amortized even at the cap.
 */
export class BoundedMap<V> {
  readonly #entries = new Map<string, { value: V; expiresAt: number }>();
  #oldest: Iterator<string> | undefined;
  #evictions = 0;
  readonly #sweepEvery: number;

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number,
  ) {
    this.#sweepEvery = Math.max(1, Math.floor(maxEntries / 10));
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V, ttlMs: number): void {
    this.#entries.delete(key); // re-insert so insertion order tracks the latest write
    this.#entries.set(key, { value, expiresAt: this.now() + ttlMs });
    if (this.#entries.size > this.maxEntries) this.#evict();
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  *values(): IterableIterator<V> {
    const now = this.now();
    for (const entry of this.#entries.values()) if (entry.expiresAt > now) yield entry.value;
  }

  #evict(): void {
    // Expired entries go first, but finding them is a full scan: do it at most once per
    // maxEntries/10 evictions, so a store at its cap costs O(1) per write (amortized), not O(n).
    if (this.#evictions++ % this.#sweepEvery === 0) {
      const now = this.now();
      for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(key);
    }
    // Still over the cap: drop the oldest writes. One iterator is kept across calls: a Map iterator
    // created per eviction would step over every slot deleted before it (O(n) again until a rehash).
    // Everything before the cursor has been deleted, so its next entry is always the oldest write.
    while (this.#entries.size > this.maxEntries) {
      this.#oldest ??= this.#entries.keys();
      const next = this.#oldest.next();
      if (next.done === true) this.#oldest = undefined;
      else this.#entries.delete(next.value);
    }
  }
}
