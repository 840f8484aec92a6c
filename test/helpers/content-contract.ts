import type { RcsEvent } from 'rcs-webhooks';
import { expect } from 'vitest';
import { PayloadParseError } from '../../src/errors/index.js';
import type { Answer, Harness } from './provider-harness.js';

// The contract of issue 13 item 8: an authenticated request is never refused for its content. What does
// not fit its schema is passed on as `unsupported` (raw kept, a reason that names the path and the
// expected shape) and reported to onError as a PayloadParseError; the provider gets its 200.

/**
 * Checks that an authenticated `body` was accepted although it does not fit: answered 200, every event
 * `unsupported`, one PayloadParseError with `code` per event. Returns the events.
 */
export function expectAcceptedUnsupported(
  { events, errors }: Harness,
  answer: Answer,
  code: 'invalid_payload' | 'malformed_body' = 'invalid_payload',
): RcsEvent[] {
  expect(answer.status).toBe(200);
  expect(events.length).toBeGreaterThan(0);
  for (const event of events)
    expect(event).toMatchObject({ kind: 'unsupported', reason: expect.any(String) });
  expect(errors).toHaveLength(events.length);
  for (const error of errors) {
    expect(error).toBeInstanceOf(PayloadParseError);
    expect(error).toMatchObject({ code });
  }
  return events;
}

/** `reason` and the error messages never contain `value` (a value the test planted in the payload). */
export function expectValueNotEchoed({ events, errors }: Harness, value: string): void {
  for (const event of events) {
    if (event.kind === 'unsupported') expect(event.reason).not.toContain(value);
  }
  for (const error of errors) expect(error.message).not.toContain(value);
}
