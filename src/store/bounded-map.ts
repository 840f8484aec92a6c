/**
 * A Map with a per-entry expiry and a size cap: the oldest-written entries are evicted first.
 * Expired entries are dropped when read and when the cap is reached, so memory stays bounded.
 */
export class BoundedMap<V> {
  readonly #entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number,
  ) {}

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
    const now = this.now();
    for (const [key, entry] of this.#entries) {
      if (this.#entries.size <= this.maxEntries) return;
      if (entry.expiresAt <= now) this.#entries.delete(key);
    }
    // Still over the cap: drop the oldest writes.
    for (const key of this.#entries.keys()) {
      if (this.#entries.size <= this.maxEntries) return;
      this.#entries.delete(key);
    }
  }
}
