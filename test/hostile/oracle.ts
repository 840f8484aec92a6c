import { createRcsWebhooks, ERROR_CODES, type RcsEvent, type RcsWebhooks } from 'rcs-webhooks';
import { expect } from 'vitest';
import type { ProviderSample } from '../../examples/samples/types.js';
import { acceptedBody } from '../helpers/accepted.js';
import type { Answer } from './entry-points.js';
import { allSecrets, CONTRACT_STATUSES, coreForAll, HANDLER_ERROR_TEXT, sign } from './setup.js';

const SECRETS = allSecrets();
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * A fresh core for one property run, configured for `only` (every provider when absent), recording
 * what it emits. `failing`: every handler throws an error whose message carries every secret, to
 * prove none of it reaches a response. Reads time out after 1 s instead of 10, so that a hostile
 * Content-Length longer than the body costs little.
 */
export function hostileCore(failing: boolean, only?: ProviderSample) {
  const options = { readTimeoutMs: 1_000 };
  const { rcs, events } =
    only === undefined
      ? coreForAll(options)
      : recording(createRcsWebhooks({ ...options, providers: { [only.provider]: only.options } }));
  if (failing) {
    rcs.onAny(() => {
      throw new Error(`${HANDLER_ERROR_TEXT} ${SECRETS.join(' ')}`);
    });
  }
  return { rcs, events };
}

function recording(rcs: RcsWebhooks) {
  const events: RcsEvent[] = [];
  rcs.onAny((event) => {
    events.push(event);
  });
  return { rcs, events };
}

/** Events as compared across cores: without the time of receipt. */
export function comparable(events: readonly RcsEvent[]): unknown[] {
  return events.map((event) => JSON.parse(JSON.stringify({ ...event, receivedAt: undefined })));
}

const references = new Map<string, Promise<unknown[] | undefined>>();

/**
 * What a fresh core emits for `body` sent with valid credentials: the events a receiver may emit
 * for it at most. A body that is not UTF-8 is sent with the credentials of an empty body: only schemes
 * that do not cover the body (Basic, URL tokens) accept it, and then as one `unsupported` event.
 * `undefined` when no valid request carries the body (Google: `message.data` not base64).
 */
export function referenceEvents(sample: ProviderSample, body: Uint8Array): Promise<unknown[] | undefined> {
  let text: string | undefined;
  try {
    text = UTF8.decode(body);
  } catch {
    text = undefined;
  }
  const key = `${sample.provider}\0${text ?? Buffer.from(body).toString('base64')}\0${text === undefined}`;
  let found = references.get(key);
  if (found === undefined) {
    found = (async () => {
      let signed: Awaited<ReturnType<typeof sign>>;
      try {
        signed = await sign(sample, text ?? '');
      } catch {
        return undefined;
      }
      const { rcs, events } = recording(
        createRcsWebhooks({ providers: { [sample.provider]: sample.options } }),
      );
      await rcs.handle(text === undefined ? { ...signed, body } : signed);
      return comparable(events);
    })();
    references.set(key, found);
  }
  return found;
}

export interface AnswerContext {
  sample: ProviderSample;
  method: string;
  body: Uint8Array;
  /** Whether the handlers throw: the only case in which a 500 `handler_failed` may be answered. */
  failing: boolean;
}

/**
 * The answer keeps the README's contract: a contract status; a body that is `{"ok":true}`, or
 * `{"error": code}` with the code's own status (never `internal_error`), or Google's handshake
 * secret as plain text, or empty from Node itself refusing a malformed HTTP request (400); never a
 * secret of any provider, nor the text a handler threw.
 */
export function checkAnswer(answer: Answer, context: AnswerContext): void {
  const where = `${answer.status} ${answer.contentType ?? '-'} ${JSON.stringify(answer.body.slice(0, 300))}`;
  expect(CONTRACT_STATUSES.has(answer.status), `status outside the contract: ${where}`).toBe(true);
  // Plain checks first: `expect` is costly at thousands of runs.
  const leaked = [...SECRETS, HANDLER_ERROR_TEXT].filter((secret) => answer.body.includes(secret));
  expect(leaked, `secrets or handler error text in the response: ${where}`).toEqual([]);
  if (context.method.toUpperCase() === 'HEAD') return;

  const type = answer.contentType?.split(';')[0]?.trim().toLowerCase();
  if (type === undefined) {
    expect({ status: answer.status, body: answer.body }, `untyped answer: ${where}`).toEqual({
      status: 400,
      body: '',
    });
    return;
  }
  if (type === 'text/plain') {
    // Only Google's verification handshake answers text: the secret it was sent, nothing else.
    expect(context.sample.provider, where).toBe('google');
    expect(answer.status, where).toBe(200);
    const sent = JSON.parse(UTF8.decode(context.body)) as { secret?: unknown };
    expect(answer.body, where).toBe(sent.secret);
    return;
  }
  if (answer.status === 200) {
    // `{"ok":true}`, or the provider's own accepted body (Twilio: empty TwiML), nothing else.
    expect(answer.body, where).toBe(acceptedBody(context.sample.provider));
    expect(type, where).toBe(answer.body.startsWith('<') ? 'text/xml' : 'application/json');
    return;
  }
  expect(type, where).toBe('application/json');
  const parsed = JSON.parse(answer.body) as Record<string, unknown>;
  const code = parsed.error as keyof typeof ERROR_CODES;
  expect(Object.keys(parsed), where).toEqual(
    code === 'raw_body_unavailable' ? ['error', 'message'] : ['error'],
  );
  expect(ERROR_CODES[code], `code and status disagree: ${where}`).toBe(answer.status);
  expect(code, `unexpected failure on hostile input: ${where}`).not.toBe('internal_error');
  if (code === 'handler_failed')
    expect(context.failing, `handler_failed without a failing handler`).toBe(true);
}

/**
 * Records unhandled rejections and uncaught exceptions while the suite runs (`uncaughtExceptionMonitor`
 * observes without changing how the process handles them).
 */
export function watchProcess() {
  const problems: unknown[] = [];
  const onRejection = (reason: unknown) => problems.push(reason);
  const onException = (error: unknown) => problems.push(error);
  return {
    problems,
    start() {
      process.on('unhandledRejection', onRejection);
      process.on('uncaughtExceptionMonitor', onException);
    },
    stop() {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtExceptionMonitor', onException);
    },
  };
}
