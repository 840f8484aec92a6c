/** How long a warning of one kind (provider + code) stays quiet after it was logged. */
export const WARNING_INTERVAL_MS = 60_000;

interface Window {
  loggedAt: number;
  suppressed: number;
}

/**
 * At most one line per key per minute. Shared by every core logging to the same logger object
 * (one core per request in serverless code, or console by default), so a flood of refused requests
 * costs a line a minute, not a line each. The next line of a key says how many were suppressed.
 */
export class WarningLimiter {
  readonly #windows = new Map<string, Window>();

  /** `undefined`: stay quiet; a number: log now, and that many were suppressed since the last line. */
  admit(key: string, now: number): number | undefined {
    const window = this.#windows.get(key);
    if (window !== undefined && now - window.loggedAt < WARNING_INTERVAL_MS) {
      window.suppressed++;
      return undefined;
    }
    const suppressed = window?.suppressed ?? 0;
    // Bounded: keys are configured providers × error codes, plus the few without a provider.
    if (window === undefined && this.#windows.size >= 1_000) this.#windows.clear();
    this.#windows.set(key, { loggedAt: now, suppressed: 0 });
    return suppressed;
  }
}

const limiters = new WeakMap<object, WarningLimiter>();

export function limiterFor(logger: object): WarningLimiter {
  let limiter = limiters.get(logger);
  if (limiter === undefined) {
    limiter = new WarningLimiter();
    limiters.set(logger, limiter);
  }
  return limiter;
}
