import { expect, it } from 'vitest';
import { type AuthSubject, type CommonOptions, expectRejected, signed } from './auth-matrix.js';
import { handled } from './provider-harness.js';

// The replay-window cases every provider with a signed timestamp shares (Sinch, Telnyx, Vonage):
// the default window of 300 s, its edges, and toleranceSeconds globally and per provider.

type Subject = AuthSubject<CommonOptions>;

/** Stale and future timestamps, the window's edges, and toleranceSeconds. */
export function replayWindowCases(subject: Subject): void {
  const { now } = subject;

  it('rejects a stale timestamp', () =>
    expectRejected(subject, 'stale_timestamp', undefined, signed(subject, { now: now - 301_000 })));

  it('rejects a timestamp from the future', () =>
    expectRejected(subject, 'stale_timestamp', undefined, signed(subject, { now: now + 301_000 })));

  it('accepts timestamps exactly at the edges of the window', async () => {
    for (const offset of [-300_000, 300_000]) {
      const { rcs } = subject.harness();
      expect((await handled(rcs, signed(subject, { now: now + offset }))).status).toBe(200);
    }
  });

  it('honours toleranceSeconds, globally and per provider, and 0 disables the window', async () => {
    const options = subject.options;
    const old = signed(subject, { now: now - 500_000 });
    expect((await handled(subject.harness(options, { toleranceSeconds: 600 }).rcs, old)).status).toBe(200);
    expect((await handled(subject.harness({ ...options, toleranceSeconds: 600 }).rcs, old)).status).toBe(200);
    const epoch = signed(subject, { now: 0 });
    expect((await handled(subject.harness({ ...options, toleranceSeconds: 0 }).rcs, epoch)).status).toBe(200);
    const strict = subject.harness({ ...options, toleranceSeconds: 60 }, { toleranceSeconds: 600 });
    expect(await handled(strict.rcs, signed(subject, { now: now - 61_000 }))).toEqual({
      status: 401,
      body: { error: 'stale_timestamp' },
    });
  });
}

/** A timestamp header (whole seconds) changed inside the window, not a number, or in milliseconds. */
export function timestampHeaderCases(subject: Subject, header: string): void {
  const seconds = String(subject.now / 1000);

  it('rejects a tampered timestamp inside the window', () =>
    expectRejected(subject, 'invalid_signature', (request) => {
      request.headers[header] = String(Number(request.headers[header]) - 1);
    }));

  for (const timestamp of [
    'abc',
    `${seconds}abc`,
    `-${seconds}`,
    `${seconds}.0`,
    '1.7e9',
    ` ${seconds}`,
    '0x676',
  ]) {
    it(`rejects the non-numeric timestamp ${JSON.stringify(timestamp)}`, () =>
      expectRejected(subject, 'invalid_signature', (request) => {
        request.headers[header] = timestamp;
      }));
  }

  it('rejects a timestamp in milliseconds (far outside the window)', () =>
    expectRejected(subject, 'stale_timestamp', (request) => {
      request.headers[header] = String(subject.now);
    }));
}
