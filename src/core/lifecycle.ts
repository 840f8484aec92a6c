/**
 * Counts the requests running through the pipeline, so `close()` can refuse new ones (503) and
 * wait for the ones whose handlers are running.
 */
export class Lifecycle {
  #running = 0;
  #closed = false;
  #idle: (() => void)[] = [];

  get closed(): boolean {
    return this.#closed;
  }

  enter(): void {
    this.#running++;
  }

  leave(): void {
    this.#running--;
    if (this.#running === 0) for (const resolve of this.#idle.splice(0)) resolve();
  }

  /** From now on requests are refused; resolves once none is running. */
  close(): Promise<void> {
    this.#closed = true;
    if (this.#running === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }
}
