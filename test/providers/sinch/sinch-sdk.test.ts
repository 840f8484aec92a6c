import { ConversationCallbackWebhooks, calculateWebhookSignature } from '@sinch/sdk-core';
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../helpers/fixtures.js';
import { handled } from '../../helpers/provider-harness.js';
import { ALGORITHM, harness, NONCE, NOW, OTHER_SECRET, SECRET, SIGNATURE, sign, TIMESTAMP } from './setup.js';

// Oracle: @sinch/sdk-core 1.4 `ConversationCallbackWebhooks#validateAuthenticationHeader` (which runs
// `validateWebhookSignature`: base64 HMAC-SHA256 of `body.nonce.timestamp`, compared as text) against
// this package, in both directions. The SDK checks no timestamp and ignores the algorithm header.

const FIXTURE = loadFixture('sinch', 'notes-message-delivery-read');
const webhooks = new ConversationCallbackWebhooks(SECRET);
const URL = '/webhooks/rcs/sinch';

type Headers = Record<string, string>;

/** The four headers with a signature computed by the SDK's own `calculateWebhookSignature`. */
function sdkSigned(
  body: string,
  options: { nonce?: string; timestamp?: string; secret?: string } = {},
): Headers {
  const nonce = options.nonce ?? '01JGRY8Z7Q2W3E4R5T6Y7U8I9O';
  const timestamp = options.timestamp ?? String(NOW / 1000);
  return {
    [SIGNATURE]: calculateWebhookSignature(`${body}.${nonce}.${timestamp}`, options.secret ?? SECRET),
    [TIMESTAMP]: timestamp,
    [NONCE]: nonce,
    [ALGORITHM]: 'HmacSHA256',
  };
}

async function verdicts(body: string, headers: Headers) {
  const { rcs } = harness();
  const { status } = await handled(rcs, {
    method: 'POST',
    url: URL,
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  expect([200, 401]).toContain(status);
  return { sdk: webhooks.validateAuthenticationHeader(headers, body, URL, 'POST'), ours: status === 200 };
}

const both = (accepted: boolean) => ({ sdk: accepted, ours: accepted });

describe('@sinch/sdk-core Conversation callbacks as the oracle', () => {
  it('accepts what the SDK signs, and the SDK accepts what this package signer sends', async () => {
    expect(await verdicts(FIXTURE, sdkSigned(FIXTURE))).toEqual(both(true));
    const compact = JSON.stringify(JSON.parse(FIXTURE));
    expect(await verdicts(compact, sdkSigned(compact))).toEqual(both(true));
    const signed = await sign(FIXTURE);
    expect(webhooks.validateAuthenticationHeader(signed.headers, FIXTURE, URL, 'POST')).toBe(true);
  });

  it('refuses what the SDK refuses', async () => {
    const valid = sdkSigned(FIXTURE);
    const signature = Buffer.from(valid[SIGNATURE] ?? '', 'base64');
    const cases: [string, string, Headers][] = [
      ['a changed body', `${FIXTURE} `, valid],
      ['another secret', FIXTURE, sdkSigned(FIXTURE, { secret: OTHER_SECRET })],
      ['a changed nonce', FIXTURE, { ...valid, [NONCE]: '01JGRY8Z7Q2W3E4R5T6Y7U8I9P' }],
      ['a changed timestamp', FIXTURE, { ...valid, [TIMESTAMP]: String(NOW / 1000 + 1) }],
      ['a base64url signature', FIXTURE, { ...valid, [SIGNATURE]: signature.toString('base64url') }],
      ['a hex signature', FIXTURE, { ...valid, [SIGNATURE]: signature.toString('hex') }],
      [
        'an unpadded signature',
        FIXTURE,
        { ...valid, [SIGNATURE]: signature.toString('base64').replace(/=$/, '') },
      ],
      [
        'a truncated signature',
        FIXTURE,
        { ...valid, [SIGNATURE]: signature.subarray(0, 31).toString('base64') },
      ],
      [
        'a non-canonical signature (unused base64 bits set)',
        FIXTURE,
        { ...valid, [SIGNATURE]: flipUnusedBit(valid[SIGNATURE] ?? '') },
      ],
    ];
    for (const [what, body, headers] of cases) {
      expect({ what, ...(await verdicts(body, headers)) }).toEqual({ what, ...both(false) });
    }
  });

  it('disagrees on purpose: the timestamp must be inside toleranceSeconds (the SDK checks none)', async () => {
    for (const offset of [-301, 301, -86_400]) {
      const headers = sdkSigned(FIXTURE, { timestamp: String(NOW / 1000 + offset) });
      expect(await verdicts(FIXTURE, headers)).toEqual({ sdk: true, ours: false });
    }
  });

  it('disagrees on purpose: the algorithm header must be HmacSHA256 (the SDK ignores it)', async () => {
    const { [ALGORITHM]: _algorithm, ...withoutAlgorithm } = sdkSigned(FIXTURE);
    expect(await verdicts(FIXTURE, withoutAlgorithm)).toEqual({ sdk: true, ours: false });
    expect(await verdicts(FIXTURE, { ...withoutAlgorithm, [ALGORITHM]: 'HmacSHA1' })).toEqual({
      sdk: true,
      ours: false,
    });
  });

  it('disagrees on purpose: a nonce with a "." is refused (body.nonce.timestamp would be ambiguous)', async () => {
    expect(await verdicts(FIXTURE, sdkSigned(FIXTURE, { nonce: 'a.b' }))).toEqual({ sdk: true, ours: false });
  });

  it('disagrees on purpose: the exact bytes are verified, where the SDK re-serializes a parsed body', async () => {
    const headers = sdkSigned(FIXTURE);
    expect(FIXTURE).not.toBe(JSON.stringify(JSON.parse(FIXTURE)));
    expect(webhooks.validateAuthenticationHeader(headers, JSON.parse(FIXTURE), URL, 'POST')).toBe(false);
    expect((await verdicts(FIXTURE, headers)).ours).toBe(true);
  });
});

/** The same 32 bytes in base64 with one of the two unused low bits of the last digit set. */
function flipUnusedBit(signature: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const last = alphabet.indexOf(signature.at(-2) ?? 'A');
  return `${signature.slice(0, -2)}${alphabet[last ^ 1]}=`;
}
