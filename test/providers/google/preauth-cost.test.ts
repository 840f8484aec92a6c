import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HANDSHAKE_MAX_BYTES } from '../../../src/providers/google/handshake.js';
import { googleEnvelope } from '../../../src/providers/google/index.js';
import { loadFixture } from '../../helpers/fixtures.js';
import { CLIENT_TOKEN, harness, loadEvent, sign, URL } from './setup.js';

/**
 * Issue 13 item A2 (Google): an unauthenticated request must cost little more than reading it. The
 * verification handshake used to JSON.parse any body (190 ms for a 1 MiB deeply nested one), and the
 * signature check parsed the whole body again to find `message.data`. Proved here without a clock:
 * no unauthenticated body is parsed or UTF-8 decoded whole; the bench's preauth_cpu row times it.
 */
const SIZE = 1024 * 1024;
const JUNK_SIGNATURE = Buffer.alloc(64, 7).toString('base64');

/** Exactly SIZE bytes: `prefix`, `unit` repeated, `suffix`, padded with JSON whitespace. */
function fill(prefix: string, unit: string, suffix: string): string {
  const count = Math.floor((SIZE - prefix.length - suffix.length) / unit.length);
  return `${prefix}${unit.repeat(count)}${suffix}`.padEnd(SIZE, ' ');
}
const depth = Math.floor((SIZE - 60) / 2);
const BODIES: Record<string, string> = {
  'a handshake-looking deep document':
    `{"clientToken":"guess","secret":"s","x":${'['.repeat(depth)}${']'.repeat(depth)}}`.padEnd(SIZE, ' '),
  'a handshake-looking document of 500,000 values': fill(
    '{"clientToken":"guess","secret":"s","x":[',
    '0,',
    '0]}',
  ),
  'an envelope whose data fills the body': (() => {
    const room = Math.floor((SIZE - 30) / 4) * 4;
    return `{"message":{"data":"${'A'.repeat(room - 4)}QQ=="}}`.padEnd(SIZE, ' ');
  })(),
  'an envelope followed by 500,000 values': fill('{"message":{"data":"e30="},"x":[', '0,', '0]}'),
  'an envelope nested deeply inside an attribute':
    `{"message":{"data":"e30=","attributes":${'{"a":'.repeat(depth / 3)}1${'}'.repeat(depth / 3)}}}`.padEnd(
      SIZE,
      ' ',
    ),
};

describe('unauthenticated Google requests are never parsed (issue 13 A2)', () => {
  let parsedLarge: number;
  let decodedLarge: number;
  beforeEach(() => {
    parsedLarge = 0;
    decodedLarge = 0;
    const parse = JSON.parse;
    vi.spyOn(JSON, 'parse').mockImplementation((text, reviver) => {
      if (text.length > HANDSHAKE_MAX_BYTES) parsedLarge++;
      return parse(text, reviver);
    });
    const decode = TextDecoder.prototype.decode;
    vi.spyOn(TextDecoder.prototype, 'decode').mockImplementation(function (
      this: TextDecoder,
      input,
      options,
    ) {
      if (input !== undefined && input.byteLength > HANDSHAKE_MAX_BYTES) decodedLarge++;
      return decode.call(this, input, options);
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  for (const [what, body] of Object.entries(BODIES)) {
    for (const signature of [undefined, JUNK_SIGNATURE]) {
      it(`${what}, ${signature === undefined ? 'unsigned' : 'with a wrong signature'}: refused unparsed`, async () => {
        expect(Buffer.byteLength(body)).toBe(SIZE);
        const { rcs, events } = harness();
        const response = await rcs.handle({
          method: 'POST',
          url: URL,
          headers: {
            'content-type': 'application/json',
            ...(signature === undefined ? {} : { 'x-goog-signature': signature }),
          },
          body: new TextEncoder().encode(body),
        });
        // Unsigned: 401 missing_signature. Signed: 401 when the data was found, else 400 (no signed bytes).
        expect([400, 401]).toContain(response.status);
        if (signature === undefined) expect(response.status).toBe(401);
        expect({ parsedLarge, decodedLarge }).toEqual({ parsedLarge: 0, decodedLarge: 0 });
        expect(events).toEqual([]);
      });
    }
  }

  it('parses a large body once its signature has verified', async () => {
    const event = loadEvent('notes-user-message-text').replace('"Hello"', `"${'x'.repeat(SIZE / 2)}"`);
    const { rcs, events } = harness();
    const signed = await sign(googleEnvelope(event));
    parsedLarge = 0;
    expect((await rcs.handle(signed)).status).toBe(200);
    expect(events).toMatchObject([{ kind: 'inbound' }]);
    // The envelope (after verification) and the event inside it.
    expect(parsedLarge).toBe(2);
  });

  it('still answers the verification request (small bodies only)', async () => {
    const { rcs } = harness();
    const handshake = loadFixture('google', 'notes-verification-handshake');
    expect((await rcs.handle(await sign(handshake))).body).toBe('1234567890');
    const padded = JSON.stringify({ clientToken: CLIENT_TOKEN, secret: 's' }).padEnd(
      HANDSHAKE_MAX_BYTES,
      ' ',
    );
    expect((await rcs.handle(await sign(padded))).body).toBe('s');
    const tooLarge = `${padded} `;
    expect((await rcs.handle(await sign(tooLarge))).status).toBe(401);
  });
});
