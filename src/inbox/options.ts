import { ConfigurationError } from '../errors/index.js';

/** The `inbox` processing mode (README "Processing modes"). */
export interface InboxOptions {
  /** Events this instance's worker handles at once. Default 8. */
  concurrency?: number;
  /** Attempts before an event whose handlers keep failing becomes a dead letter. Default 10. */
  maxAttempts?: number;
  /** Delay before the first retry; it doubles each attempt (with jitter) up to `maxRetryDelayMs`. Default 1,000. */
  retryDelayMs?: number;
  /** Longest delay between retries. Default 300,000 (5 minutes). */
  maxRetryDelayMs?: number;
  /** How often an idle worker looks for due entries (retries, other instances' events). Default 1,000; at least 10. */
  pollIntervalMs?: number;
  /** Start the worker when the instance is created. Default true; otherwise call `rcs.inbox.start()`. */
  autoStart?: boolean;
}

export type ResolvedInboxOptions = Required<InboxOptions>;

const MIN_POLL_INTERVAL_MS = 10;

const INBOX_DEFAULTS: ResolvedInboxOptions = {
  concurrency: 8,
  maxAttempts: 10,
  retryDelayMs: 1_000,
  maxRetryDelayMs: 300_000,
  pollIntervalMs: 1_000,
  autoStart: true,
};

export function resolveInboxOptions(
  option: boolean | InboxOptions | undefined,
): ResolvedInboxOptions | undefined {
  if (option === undefined || option === false) return undefined;
  if (option === true) return INBOX_DEFAULTS;
  if (typeof option !== 'object' || option === null) {
    throw new ConfigurationError('inbox must be true, false or an options object');
  }
  const count = (name: 'concurrency' | 'maxAttempts') => {
    const value = option[name] ?? INBOX_DEFAULTS[name];
    if (!Number.isInteger(value) || value < 1)
      throw new ConfigurationError(`inbox.${name} must be a positive integer`);
    return value;
  };
  const ms = (name: 'retryDelayMs' | 'maxRetryDelayMs' | 'pollIntervalMs', least = 0) => {
    const value = option[name] ?? INBOX_DEFAULTS[name];
    if (!Number.isFinite(value) || value < least) {
      throw new ConfigurationError(`inbox.${name} must be a number of milliseconds, at least ${least}`);
    }
    return value;
  };
  if (option.autoStart !== undefined && typeof option.autoStart !== 'boolean') {
    throw new ConfigurationError('inbox.autoStart must be a boolean');
  }
  return {
    concurrency: count('concurrency'),
    maxAttempts: count('maxAttempts'),
    retryDelayMs: ms('retryDelayMs'),
    maxRetryDelayMs: Math.max(ms('maxRetryDelayMs'), ms('retryDelayMs')),
    // An idle worker polls the store this often: never a busy loop.
    pollIntervalMs: ms('pollIntervalMs', MIN_POLL_INTERVAL_MS),
    autoStart: option.autoStart ?? INBOX_DEFAULTS.autoStart,
  };
}

/** The delay before attempt `attempts + 1`: exponential, capped, with ±25 % jitter so instances spread out. */
export function retryDelay(options: ResolvedInboxOptions, attempts: number, random = Math.random): number {
  const exponential = options.retryDelayMs * 2 ** Math.min(Math.max(attempts - 1, 0), 30);
  const capped = Math.min(exponential, options.maxRetryDelayMs);
  return Math.round(capped * (0.75 + random() * 0.5));
}
