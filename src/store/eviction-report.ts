import { ClaimEvictedError, type RcsWebhookError } from '../errors/index.js';

const REPORT_EVERY_MS = 60_000;

/**
 * Tells the store's reporters (`reportErrorsTo`) that claims were evicted before their TTL: the
 * first eviction at once, later ones counted and reported together at most once a minute, so a
 * store that stays at its cap cannot flood `onError`.
 */
export class EvictionReport {
  readonly #reporters: ((error: RcsWebhookError) => void)[] = [];
  #count = 0;
  #lastReportAt = Number.NEGATIVE_INFINITY;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number,
  ) {}

  addReporter(report: (error: RcsWebhookError) => void): void {
    this.#reporters.push(report);
  }

  evicted(): void {
    if (this.#reporters.length === 0) return;
    this.#count++;
    if (this.#timer !== undefined) return;
    const waitMs = this.#lastReportAt + REPORT_EVERY_MS - this.now();
    if (waitMs <= 0) {
      this.#flush();
      return;
    }
    this.#timer = setTimeout(() => this.#flush(), waitMs);
    // Never keeps a process alive on its own.
    this.#timer.unref?.();
  }

  #flush(): void {
    this.#timer = undefined;
    if (this.#count === 0) return;
    const error = new ClaimEvictedError(this.#count, this.maxEntries);
    this.#count = 0;
    this.#lastReportAt = this.now();
    for (const report of this.#reporters) report(error);
  }
}
