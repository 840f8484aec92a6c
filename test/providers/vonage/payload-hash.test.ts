import { describe, expect, it } from 'vitest';
import type { SignedRequest } from '../../../src/testing/index.js';
import { loadFixture } from '../../helpers/fixtures.js';
import { harness, SECRET, sign } from './setup.js';

// payload_hash is checked over the raw bytes, then (unless strictPayloadHash) over the compact
// JSON.stringify of the parsed body when that differs from the bytes: src/providers/vonage/payload-hash.ts.
const COMPACT = loadFixture('vonage', 'notes-status-delivered');
const PRETTY = `${JSON.stringify(JSON.parse(COMPACT), null, 2)}\n`;

/** A request whose JWT was minted over `signedBody` (by the signer) but which carries `sentBody`. */
async function signedOver(signedBody: string, sentBody: string): Promise<SignedRequest> {
  return { ...(await sign(signedBody)), body: sentBody };
}

async function statusOf(request: SignedRequest, strict = false) {
  const { rcs, events } = harness({
    signatureSecret: SECRET,
    ...(strict ? { strictPayloadHash: true } : {}),
  });
  const response = await rcs.handle(request);
  return { status: response.status, body: JSON.parse(response.body), events };
}

describe('vonage payload_hash', () => {
  it('matches the exact raw bytes, whatever their formatting, in both modes', async () => {
    for (const strict of [false, true]) {
      expect((await statusOf(await sign(PRETTY), strict)).status).toBe(200);
    }
  });

  it('falls back to the compact serialization when the bytes differ from it', async () => {
    const lenient = await statusOf(await signedOver(COMPACT, PRETTY));
    expect(lenient.status).toBe(200);
    expect(lenient.events.map((event) => event.id)).toEqual([
      'delivery:aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab:delivered',
    ]);
    expect(await statusOf(await signedOver(COMPACT, PRETTY), true)).toMatchObject({
      status: 401,
      body: { error: 'invalid_signature' },
      events: [],
    });
  });

  it('falls back over escapes: \\u sequences in the bytes, characters in the hashed form', async () => {
    const escaped = COMPACT.replace('"Vonage"', '"Vonag\\u0065"');
    expect(escaped).not.toBe(COMPACT);
    expect((await statusOf(await signedOver(COMPACT, escaped))).status).toBe(200);
  });

  it('never lets the fallback change the content', async () => {
    const changed = PRETTY.replace('"delivered"', '"read"');
    expect(await statusOf(await signedOver(COMPACT, changed))).toMatchObject({
      status: 401,
      body: { error: 'invalid_signature' },
    });
  });

  it('with duplicate keys, accepts only a body whose parsed value is what was signed', async () => {
    // JSON.parse keeps the last duplicate: the event is the signed status, never the injected one.
    const shadowed = COMPACT.replace('"status":"delivered"', '"status":"read","status":"delivered"');
    const accepted = await statusOf(await signedOver(COMPACT, shadowed));
    expect(accepted.status).toBe(200);
    expect(accepted.events.map((event) => (event.kind === 'delivery' ? event.status : event.kind))).toEqual([
      'delivered',
    ]);
    const overriding = COMPACT.replace('"status":"delivered"', '"status":"delivered","status":"read"');
    expect((await statusOf(await signedOver(COMPACT, overriding))).status).toBe(401);
  });

  it('answers 401, not 400, for a body that is not JSON and does not match', async () => {
    expect(await statusOf(await signedOver(COMPACT, 'not json'))).toMatchObject({
      status: 401,
      body: { error: 'invalid_signature' },
    });
  });

  it('accepts a signed body that is not JSON, as one unsupported event (200)', async () => {
    expect(await statusOf(await sign('not json'))).toMatchObject({ status: 200, body: { ok: true } });
  });
});
