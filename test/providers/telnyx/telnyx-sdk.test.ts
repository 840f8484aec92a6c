import { createPrivateKey, sign as ed25519Sign } from 'node:crypto';
import { TelnyxWebhook } from 'telnyx/lib/webhooks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigurationError, createRcsWebhooks } from '../../../src/index.js';
import { loadFixture } from '../../helpers/fixtures.js';
import { NOW, OTHER_PRIVATE_KEY, PRIVATE_KEY, PUBLIC_KEY, SIGNATURE, sign, TIMESTAMP } from './setup.js';

// Oracle: the telnyx SDK 7.x verifier (`TelnyxWebhook.verify`, what `client.webhooks.unwrap` runs)
// against this package, in both directions. The SDK reads the clock from Date.now(), so Date is faked.

const BODY = loadFixture('telnyx', 'seed-message-finalized-delivered');
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

type Headers = Record<string, string>;

/** Ed25519 over `timestamp|body` with node:crypto directly (not this package's signer). */
function signedHeaders(body: string, options: { timestamp?: string; seed?: string } = {}): Headers {
  const timestamp = options.timestamp ?? String(NOW / 1000);
  const key = createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, Buffer.from(options.seed ?? PRIVATE_KEY, 'base64')]),
    format: 'der',
    type: 'pkcs8',
  });
  const signature = ed25519Sign(null, Buffer.from(`${timestamp}|${body}`), key).toString('base64');
  return { [TIMESTAMP]: timestamp, [SIGNATURE]: signature };
}

async function sdkAccepts(body: string, headers: Headers, publicKey = PUBLIC_KEY): Promise<boolean> {
  try {
    await new TelnyxWebhook(publicKey).verify(body, headers);
    return true;
  } catch {
    return false;
  }
}

/** `true` when authenticated (200), `false` when refused as unauthenticated (401). */
async function weAccept(body: string, headers: Headers, publicKey = PUBLIC_KEY): Promise<boolean> {
  const rcs = createRcsWebhooks({ providers: { telnyx: { publicKey } }, now: () => NOW });
  const response = await rcs.handle({
    method: 'POST',
    url: '/webhooks/rcs/telnyx',
    headers: { 'content-type': 'application/json', ...headers },
    body: new TextEncoder().encode(body),
  });
  expect([200, 401]).toContain(response.status);
  return response.status === 200;
}

async function verdicts(body: string, headers: Headers) {
  return { sdk: await sdkAccepts(body, headers), ours: await weAccept(body, headers) };
}

const both = (accepted: boolean) => ({ sdk: accepted, ours: accepted });

describe('telnyx SDK 7.x as the oracle', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('accepts what the SDK accepts: node:crypto signatures, and this package signer output', async () => {
    expect(await verdicts(BODY, signedHeaders(BODY))).toEqual(both(true));
    expect(await verdicts('{"data":{}}', signedHeaders('{"data":{}}'))).toEqual(both(true));
    const signed = await sign(BODY);
    expect(await sdkAccepts(BODY, signed.headers as Headers)).toBe(true);
  });

  it('accepts timestamps up to 300 s away in both directions, as the SDK does', async () => {
    for (const offset of [-300, -1, 1, 300]) {
      const headers = signedHeaders(BODY, { timestamp: String(NOW / 1000 + offset) });
      expect(await verdicts(BODY, headers)).toEqual(both(true));
    }
  });

  it('refuses what the SDK refuses', async () => {
    const valid = signedHeaders(BODY);
    const signature = Buffer.from(valid[SIGNATURE] ?? '', 'base64');
    const cases: [string, string, Headers][] = [
      ['a changed body', `${BODY} `, valid],
      ['another key', BODY, signedHeaders(BODY, { seed: OTHER_PRIVATE_KEY })],
      ['a stale timestamp', BODY, signedHeaders(BODY, { timestamp: String(NOW / 1000 - 301) })],
      ['a future timestamp', BODY, signedHeaders(BODY, { timestamp: String(NOW / 1000 + 301) })],
      ['a signed but changed timestamp', BODY, { ...valid, [TIMESTAMP]: String(NOW / 1000 + 1) }],
      ['a non-numeric timestamp', BODY, signedHeaders(BODY, { timestamp: `${NOW / 1000}a` })],
      ['a negative timestamp', BODY, signedHeaders(BODY, { timestamp: `-${NOW / 1000}` })],
      ['no signature', BODY, { [TIMESTAMP]: valid[TIMESTAMP] ?? '' }],
      ['no timestamp', BODY, { [SIGNATURE]: valid[SIGNATURE] ?? '' }],
      ['a 63-byte signature', BODY, { ...valid, [SIGNATURE]: signature.subarray(0, 63).toString('base64') }],
      [
        'an unpadded signature',
        BODY,
        { ...valid, [SIGNATURE]: signature.toString('base64').replace(/=+$/, '') },
      ],
      ['a base64url signature', BODY, { ...valid, [SIGNATURE]: signature.toString('base64url') }],
      ['a hex signature', BODY, { ...valid, [SIGNATURE]: signature.toString('hex') }],
      ['64 zero bytes', BODY, { ...valid, [SIGNATURE]: Buffer.alloc(64).toString('base64') }],
    ];
    for (const [what, body, headers] of cases) {
      expect({ what, ...(await verdicts(body, headers)) }).toEqual({ what, ...both(false) });
    }
  });

  it('agrees that the unused trailing bits of the base64 signature are not checked', async () => {
    // 64 bytes leave 4 unused bits in the last base64 digit: both decoders ignore them. Replays are
    // caught by event-id idempotency, not by the signature text.
    const valid = signedHeaders(BODY);
    const text = valid[SIGNATURE] ?? '';
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const last = alphabet.indexOf(text.at(-3) ?? 'A');
    const altered = `${text.slice(0, -3)}${alphabet[last ^ 1]}==`;
    expect(await verdicts(BODY, { ...valid, [SIGNATURE]: altered })).toEqual(both(true));
  });

  it('disagrees on purpose: a small-order key (the all-zero placeholder) is refused at construction', async () => {
    // The SDK imports the zero key, and then 64 zero bytes verify for about one body in four.
    const zero = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
    const timestamp = String(NOW / 1000);
    const forged: string[] = [];
    for (let index = 0; index < 24; index++) {
      const body = `{"data":{"event_type":"message.received","n":${index}}}`;
      const headers = { [TIMESTAMP]: timestamp, [SIGNATURE]: Buffer.alloc(64).toString('base64') };
      if (await sdkAccepts(body, headers, zero)) forged.push(body);
    }
    expect(forged.length).toBeGreaterThan(0);
    expect(() => createRcsWebhooks({ providers: { telnyx: { publicKey: zero } } })).toThrow(
      ConfigurationError,
    );
  });
});
