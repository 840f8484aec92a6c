import { describe, expect, it } from 'vitest';
import { createRcsWebhooks } from '../../../src/index.js';
import { twilioSignature } from '../../../src/providers/twilio/signature.js';
import { harness, params, post, SIGNATURE, sign, TOKEN } from './setup.js';

// Issue 13 C13: what twilio-node 6.x validates, rcs-webhooks accepts (SharedKey signatures, its URL
// fallbacks, a mixed-case host); sdk-oracle.test.ts checks the same against the twilio package.
const FIXTURE = 'composed-rcs-status-read';
const SHARED = 'test-twilio-shared-key-secret-71c2';
const SETTINGS = 'X-Twilio-Webhooks-Signature-Settings';
const PATH = '/webhooks/rcs/twilio';

describe('twilio SharedKey signatures (X-Twilio-Webhooks-Signature-Settings)', () => {
  it('accepts HMAC-SHA256 and HMAC-SHA1 signatures keyed with a configured SharedKey secret', async () => {
    for (const algorithm of ['HMAC_SHA256', 'HMAC_SHA1'] as const) {
      const { rcs, events } = harness({ authToken: TOKEN, sharedKeySecret: SHARED });
      const signed = await sign(params(FIXTURE), { config: { sharedKeySecret: SHARED, algorithm } });
      expect(signed.headers[SETTINGS]).toBe(`key=webhooks_sharedkey_test,algorithm=${algorithm}`);
      expect(Buffer.from(signed.headers[SIGNATURE] ?? '', 'base64')).toHaveLength(
        algorithm === 'HMAC_SHA256' ? 32 : 20,
      );
      expect((await post(rcs, signed)).status).toBe(200);
      expect(events.map((event) => event.kind)).toEqual(['delivery']);
    }
  });

  it('accepts a SharedKey alone, and every secret of a rotation', async () => {
    const { rcs } = harness({ sharedKeySecret: ['old-shared-secret', SHARED] });
    expect(
      (await post(rcs, await sign(params(FIXTURE), { config: { sharedKeySecret: SHARED } }))).status,
    ).toBe(200);
    // Without the settings header the signature is the Auth Token's, which is not configured.
    expect((await post(rcs, await sign(params(FIXTURE)))).status).toBe(401);
  });

  it('reads the algorithm as twilio-node does: any case, spaces, other parts ignored', async () => {
    for (const header of [
      'key=KS1, algorithm = hmac_sha256',
      'algorithm=HMAC_SHA256,key=KS1',
      'key=KS1,algorithm=,algorithm=HMAC_SHA256',
    ]) {
      const { rcs } = harness({ sharedKeySecret: SHARED });
      const signed = await sign(params(FIXTURE), { config: { sharedKeySecret: SHARED } });
      signed.headers[SETTINGS] = header;
      expect((await post(rcs, signed)).status, header).toBe(200);
    }
  });

  it('refuses a SharedKey signature verified with the wrong key, algorithm or secret', async () => {
    const cases: [string, string | undefined][] = [
      ['settings header removed (the Auth Token is then the key)', undefined],
      ['algorithm changed', 'key=KS1,algorithm=HMAC_SHA1'],
      ['an algorithm Twilio does not document', 'algorithm=HMAC_MD5'],
    ];
    for (const [what, header] of cases) {
      const { rcs, events } = harness({ authToken: TOKEN, sharedKeySecret: SHARED });
      const signed = await sign(params(FIXTURE), { config: { sharedKeySecret: SHARED } });
      if (header === undefined) delete signed.headers[SETTINGS];
      else signed.headers[SETTINGS] = header;
      expect(await post(rcs, signed), what).toEqual({ status: 401, body: { error: 'invalid_signature' } });
      expect(events).toEqual([]);
    }
    const other = harness({ authToken: TOKEN, sharedKeySecret: SHARED });
    const forged = await sign(params(FIXTURE), { config: { sharedKeySecret: TOKEN } });
    expect((await post(other.rcs, forged)).status).toBe(401);
  });

  it('answers credentials_not_configured for a SharedKey signature when only an Auth Token is set', async () => {
    const { rcs } = harness({ authToken: TOKEN });
    const signed = await sign(params(FIXTURE), { config: { sharedKeySecret: SHARED } });
    expect(await post(rcs, signed)).toEqual({ status: 401, body: { error: 'credentials_not_configured' } });
  });

  it('reads RCS_TWILIO_SHARED_KEY_SECRET', async () => {
    const rcs = createRcsWebhooks({ env: { RCS_TWILIO_SHARED_KEY_SECRET: SHARED } });
    const signed = await sign(params(FIXTURE), { config: { sharedKeySecret: SHARED } });
    expect((await rcs.handle(signed)).status).toBe(200);
  });
});

describe("twilio-node's URL fallbacks", () => {
  /** Signed by Twilio over `signedUrl`; the request arrives at `receivedPathAndQuery` behind a proxy. */
  async function receive(signedUrl: string, receivedPathAndQuery: string) {
    const { rcs, events } = harness(undefined, { publicUrl: 'https://hooks.example.com' });
    const body = new URLSearchParams(params(FIXTURE)).toString();
    const signature = twilioSignature(TOKEN, signedUrl, new URLSearchParams(body));
    const response = await rcs.handle({
      method: 'POST',
      url: receivedPathAndQuery,
      headers: { 'content-type': 'application/x-www-form-urlencoded', [SIGNATURE]: signature },
      body,
    });
    return { status: response.status, events: events.length };
  }

  it("accepts a query signed in its new URL() form (O%27Brien) received as sent (O'Brien)", async () => {
    expect(await receive(`https://hooks.example.com${PATH}?name=O%27Brien`, `${PATH}?name=O'Brien`)).toEqual({
      status: 200,
      events: 1,
    });
  });

  it('accepts a query signed in the legacy querystring form (%20) received with + for the space', async () => {
    expect(await receive(`https://hooks.example.com${PATH}?name=Ann%20Lee`, `${PATH}?name=Ann+Lee`)).toEqual({
      status: 200,
      events: 1,
    });
  });

  it('still refuses a query whose value differs', async () => {
    expect(await receive(`https://hooks.example.com${PATH}?name=O%27Brien`, `${PATH}?name=OBrien`)).toEqual({
      status: 401,
      events: 0,
    });
  });

  it('accepts a mixed-case host in an absolute request URL, signed as sent or lower-cased', async () => {
    for (const signedHost of ['Hooks.Example.COM', 'hooks.example.com']) {
      const { rcs, events } = harness();
      const signed = await sign(params(FIXTURE), { url: `https://${signedHost}${PATH}` });
      const response = await rcs.handle({ ...signed, url: `https://Hooks.Example.COM${PATH}` });
      expect(response.status, signedHost).toBe(200);
      expect(events).toHaveLength(1);
    }
    const { rcs } = harness();
    const signed = await sign(params(FIXTURE), { url: `https://other.example.com${PATH}` });
    expect((await rcs.handle({ ...signed, url: `https://Hooks.Example.COM${PATH}` })).status).toBe(401);
  });
});
