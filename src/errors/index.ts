/**
 * Typed errors. Every error has a stable `code` (sent to the provider as `{ "error": code }`),
 * the HTTP `status` the pipeline answers with, and the provider it concerns. Messages are for
 * logs and never contain secrets; they are never sent in responses.
 */

export const ERROR_CODES = {
  not_found: 404,
  unknown_provider: 404,
  method_not_allowed: 405,
  body_too_large: 413,
  read_timeout: 408,
  unsupported_media_type: 415,
  missing_signature: 401,
  invalid_signature: 401,
  stale_timestamp: 401,
  credentials_not_configured: 401,
  malformed_body: 400,
  invalid_payload: 400,
  event_in_progress: 409,
  handler_failed: 500,
  raw_body_unavailable: 500,
  store_unavailable: 503,
  /** `rcs.close()` was called: the provider retries later (another instance, or after the restart). */
  shutting_down: 503,
  configuration_error: 500,
  internal_error: 500,
  /** The client closed the connection before its body arrived: reported through `onError`, nobody to answer. */
  client_aborted: 400,
  /** Reported through `onError` only (inbox mode), never an HTTP answer. */
  dead_lettered: 500,
  /** Reported through `onError` only: the memory store forgot handled events before their TTL (capacity). */
  claim_evicted: 500,
  /** Reported through `onError` only: the store refused an event's data (not an outage); its handlers ran without idempotency. */
  store_rejected: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class RcsWebhookError extends Error {
  override name = 'RcsWebhookError';
  readonly code: ErrorCode;
  readonly status: number;
  readonly provider: string | undefined;

  constructor(code: ErrorCode, message: string, options: { provider?: string; cause?: unknown } = {}) {
    super(`rcs-webhooks: ${message}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = ERROR_CODES[code];
    this.provider = options.provider;
  }
}

/** Missing, malformed or wrong signature or credentials, or a stale timestamp (401). */
export class SignatureVerificationError extends RcsWebhookError {
  override name = 'SignatureVerificationError';
}

/** The body is not JSON/form, or not a shape the provider sends (400). */
export class PayloadParseError extends RcsWebhookError {
  override name = 'PayloadParseError';
}

/** The request could not be read: too large, too slow, or the wrong content type. */
export class RequestRejectedError extends RcsWebhookError {
  override name = 'RequestRejectedError';
}

/**
 * The client closed the connection before its body arrived (`client_aborted`). Reported through
 * `onError` only: there is nobody left to answer. A flood of these is a network or client problem,
 * not malformed provider traffic.
 */
export class ClientAbortedError extends RcsWebhookError {
  override name = 'ClientAbortedError';
  constructor(options: { provider?: string; cause?: unknown } = {}) {
    super('client_aborted', 'the client closed the connection before the body was complete', options);
  }
}

/** A framework consumed the body before rcs-webhooks could read the raw bytes. */
export class RawBodyUnavailableError extends RcsWebhookError {
  override name = 'RawBodyUnavailableError';
}

/** Invalid options; thrown at construction time. */
export class ConfigurationError extends RcsWebhookError {
  override name = 'ConfigurationError';
  constructor(message: string, options: { provider?: string } = {}) {
    super('configuration_error', message, options);
  }
}

/** The conversation store could not be reached (503: the provider retries later). */
export class StoreUnavailableError extends RcsWebhookError {
  override name = 'StoreUnavailableError';
  constructor(cause: unknown) {
    super('store_unavailable', 'the conversation store is unreachable', { cause });
  }
}

/**
 * The store refused an event's data: a permanent error (a retry fails the same way), not an outage.
 * Reported through `onError` with the event; its handlers still run, without idempotency for it.
 */
export class StoreDataError extends RcsWebhookError {
  override name = 'StoreDataError';
  constructor(cause: unknown, provider?: string) {
    super('store_rejected', 'the conversation store refused the data of an event', {
      cause,
      ...(provider === undefined ? {} : { provider }),
    });
  }
}

/**
 * memoryStore reached `maxEntries` and forgot idempotency claims before their TTL: a retry of one of
 * those events runs its handlers again. Reported through `onError`, at most once a minute, with
 * how many were evicted since the last report.
 */
export class ClaimEvictedError extends RcsWebhookError {
  override name = 'ClaimEvictedError';
  readonly evicted: number;
  constructor(evicted: number, maxEntries: number) {
    super(
      'claim_evicted',
      `memoryStore evicted ${evicted} idempotency claim(s) before their TTL because it holds at most ${maxEntries} (maxEntries): a retry of those events runs their handlers again. Raise maxEntries or use redisStore or postgresStore`,
    );
    this.evicted = evicted;
  }
}

/** One or more handlers threw for an event; `errors` holds what they threw. */
export class HandlerError extends RcsWebhookError {
  override name = 'HandlerError';
  readonly errors: unknown[];
  readonly event: unknown;
  constructor(errors: unknown[], event: { kind: string; id: string; provider: string }) {
    super('handler_failed', `${errors.length} handler(s) failed for ${event.kind} event ${event.id}`, {
      provider: event.provider,
      cause: errors[0],
    });
    this.errors = errors;
    this.event = event;
  }
}

/**
 * Inbox mode: an event's handlers failed `attempts` times (or its entry could not be read), so it
 * moved to the dead-letter list (`rcs.deadLetters`). Reported through `onError`; `cause` is the last failure.
 */
export class DeadLetterError extends RcsWebhookError {
  override name = 'DeadLetterError';
  readonly key: string;
  readonly attempts: number;
  constructor(key: string, attempts: number, cause: unknown) {
    super('dead_lettered', `event ${key} moved to the dead letters after ${attempts} attempt(s)`, { cause });
    this.key = key;
    this.attempts = attempts;
  }
}
