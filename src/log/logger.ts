import { ConfigurationError } from '../errors/index.js';
import type { EventKind, RcsEvent } from '../events/types.js';
import { problemKey, problemLine } from './problem.js';
import { limiterFor, type WarningLimiter } from './rate-limit.js';
import { eventText, type RequestTrace, type TracedOutcome } from './request-trace.js';

/** The structured part of a log line: the same facts as its message, for loggers that keep fields. */
export type LogFields = Readonly<Record<string, unknown>>;

/**
 * Any logger with these four methods: `console`, pino, winston, bunyan. Every call is
 * `logger.level(message, fields)`: the message says everything by itself (pino ignores an object
 * after the message), and winston, bunyan and console also show the fields.
 */
export interface RcsLogger {
  debug(message: string, fields: LogFields): void;
  info(message: string, fields: LogFields): void;
  warn(message: string, fields: LogFields): void;
  error(message: string, fields: LogFields): void;
}

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
const DEBUG_VARIABLE = 'RCS_WEBHOOKS_DEBUG';

export interface LogOptions {
  logger?: RcsLogger | false | undefined;
  debug?: boolean | undefined;
}

/**
 * Where the package tells what it did. Problems reported to `onError` are logged too (`warn` for
 * refused requests, `error` for failures), at most one line per provider and code a minute; in
 * debug mode, one `debug` line per request. A logger that throws never breaks a request.
 */
export class Log {
  readonly debugging: boolean;
  readonly #logger: RcsLogger | undefined;
  readonly #limiter: WarningLimiter | undefined;
  readonly #subscribed: (kind: EventKind) => boolean;

  constructor(logger: RcsLogger | undefined, debugging: boolean, subscribed: (kind: EventKind) => boolean) {
    this.#logger = logger;
    this.debugging = debugging && logger !== undefined;
    this.#limiter = logger === undefined ? undefined : limiterFor(logger);
    this.#subscribed = subscribed;
  }

  /** Whether a handler of this kind (or `onAny`) is subscribed: the debug line says when none is. */
  subscribed(kind: EventKind): boolean {
    return this.#subscribed(kind);
  }

  problem(error: Error, event?: RcsEvent): void {
    if (this.#limiter === undefined) return;
    const suppressed = this.#limiter.admit(problemKey(error, event), Date.now());
    if (suppressed === undefined) return;
    const line = problemLine(error, event);
    const more = suppressed > 0 ? ` [${suppressed} more like this since the last such line]` : '';
    const fields = suppressed > 0 ? { ...line.fields, suppressed } : line.fields;
    this.#write(line.level, `${line.message}${more}`, fields);
  }

  request(trace: RequestTrace, status: number): void {
    const { message, fields } = trace.line(status);
    this.#write('debug', message, fields);
  }

  /** Debug mode, inbox worker: the outcome of one attempt at an event. */
  attempt(event: RcsEvent, outcome: TracedOutcome, attempt: number): void {
    const traced = { kind: event.kind, id: event.id, outcome };
    const unheard = outcome === 'handled' && !this.#subscribed(event.kind) ? { unheard: true as const } : {};
    this.#write('debug', `rcs-webhooks: ${event.provider} inbox: ${eventText({ ...traced, ...unheard })}`, {
      provider: event.provider,
      attempt,
      event: { ...traced, ...unheard },
    });
  }

  info(message: string, fields: LogFields): void {
    this.#write('info', message, fields);
  }

  #write(level: (typeof LEVELS)[number], message: string, fields: LogFields): void {
    try {
      this.#logger?.[level](message, fields);
    } catch {
      // The application's logger failed: nothing left to tell it with.
    }
  }
}

/** `logger` (default `console`; `false`: silent) and `debug` (default `RCS_WEBHOOKS_DEBUG` from `env`). */
export function resolveLog(
  options: LogOptions,
  env: Readonly<Record<string, string | undefined>>,
  subscribed: (kind: EventKind) => boolean,
): Log {
  const { logger, debug } = options;
  if (logger !== undefined && logger !== false) {
    const missing = LEVELS.filter(
      (level) => typeof (logger as unknown as Record<string, unknown>)?.[level] !== 'function',
    );
    if (typeof logger !== 'object' && typeof logger !== 'function') {
      throw new ConfigurationError(
        'logger must be an object with debug, info, warn and error methods, or false',
      );
    }
    if (missing.length > 0) {
      throw new ConfigurationError(
        `logger has no ${missing.join(', ')} method(s): pass console, pino, winston or false`,
      );
    }
  }
  if (debug !== undefined && typeof debug !== 'boolean') {
    throw new ConfigurationError(`debug must be true or false, received ${typeof debug}`);
  }
  const chosen = logger === false ? undefined : (logger ?? consoleLines);
  return new Log(chosen, debug ?? debugFromEnv(env), subscribed);
}

/**
 * The default logger: console, one line per call (the message says everything; console would print
 * the fields object over several lines), except a failure's own error, whose stack console shows.
 * One shared object, so every core that logs by default shares one rate limit.
 */
const consoleLines: RcsLogger = {
  debug: (message) => globalThis.console.debug(message),
  info: (message) => globalThis.console.info(message),
  warn: (message) => globalThis.console.warn(message),
  error: (message, fields) =>
    fields.error === undefined
      ? globalThis.console.error(message)
      : globalThis.console.error(message, fields.error),
};

function debugFromEnv(env: Readonly<Record<string, string | undefined>>): boolean {
  const value = (env[DEBUG_VARIABLE] ?? '').trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['', '0', 'false', 'no', 'off'].includes(value)) return false;
  throw new ConfigurationError(`${DEBUG_VARIABLE} must be 1 or 0 (or true / false)`);
}
