import { DeadLetterError, HandlerError, RcsWebhookError, StoreUnavailableError } from '../errors/index.js';
import type { RcsEvent } from '../events/types.js';
import { safeText } from './safe-text.js';

export interface ProblemLine {
  level: 'warn' | 'error';
  message: string;
  fields: Record<string, unknown>;
}

/**
 * The log line of an error reported to `onError`. Built from safe parts only: the provider (a
 * configured name), the code, the status and the package's own message (issue 13: never a secret
 * or URL token), event ids escaped. A handler's own error text is added at `error` level: it is the
 * application's, going to the application's log (never into a response).
 */
/** The rate-limiting key alone: computed first, so a flood of refusals costs no line building. */
export function problemKey(error: Error, event?: RcsEvent): string {
  if (!(error instanceof RcsWebhookError)) return `-:${error.name}`;
  return `${error.provider ?? event?.provider ?? '-'}:${error.code}`;
}

export function problemLine(error: Error, event?: RcsEvent): ProblemLine {
  if (!(error instanceof RcsWebhookError)) {
    const name = safeText(error.name, 60);
    return {
      level: 'error',
      message: `rcs-webhooks: unexpected ${name}`,
      fields: { code: 'unknown' },
    };
  }
  const provider = error.provider ?? event?.provider;
  const subject = [provider, event === undefined ? undefined : `${event.kind} ${safeText(event.id)}`]
    .filter((part) => part !== undefined)
    .join(' ');
  const own = safeText(error.message.replace(/^rcs-webhooks: /, ''), 500);
  const detail = causeText(error);
  const fields: Record<string, unknown> = { code: error.code, status: error.status };
  if (provider !== undefined) fields.provider = provider;
  if (event !== undefined) {
    fields.eventKind = event.kind;
    fields.eventId = event.id;
  }
  const handlerFailure = handlerErrorOf(error);
  if (handlerFailure !== undefined) fields.error = handlerFailure.errors[0];
  return {
    // Refusing requests while shutting down is expected, not a failure.
    level: error.status >= 500 && error.code !== 'shutting_down' ? 'error' : 'warn',
    message: `rcs-webhooks: ${subject === '' ? '' : `${subject}: `}${error.code} (${error.status}): ${own}${detail}`,
    fields,
  };
}

function handlerErrorOf(error: RcsWebhookError): HandlerError | undefined {
  if (error instanceof HandlerError) return error;
  if (error instanceof DeadLetterError && error.cause instanceof HandlerError) return error.cause;
  return undefined;
}

/** What went wrong underneath: handlers' errors (name and message), or a store's error code only. */
function causeText(error: RcsWebhookError): string {
  const handlers = handlerErrorOf(error);
  if (handlers !== undefined) {
    return ` — ${handlers.errors.map((thrown) => safeText(describe(thrown), 300)).join('; ')}`;
  }
  const store = error instanceof DeadLetterError ? error.cause : error;
  if (store instanceof StoreUnavailableError) {
    const cause = store.cause;
    // A driver's message may quote a connection string: only our own timeout text, or an error code.
    if (cause instanceof Error && cause.name === 'StoreTimeoutError') return ` — ${safeText(cause.message)}`;
    const code = (cause as { code?: unknown } | undefined)?.code;
    if (typeof code === 'string' && /^[A-Za-z0-9_]{1,40}$/.test(code)) return ` — ${code}`;
  }
  return '';
}

function describe(thrown: unknown): string {
  return thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : `thrown ${typeof thrown}`;
}
