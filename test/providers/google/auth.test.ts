import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, createRcsWebhooks } from '../../../src/index.js';
import { googleEnvelope } from '../../../src/providers/google/index.js';
import { base64SignatureCases, expectRejected, signedRequestCases } from '../../helpers/auth-matrix.js';
import { loadFixture } from '../../helpers/fixtures.js';
import {
  answer,
  authSubject,
  CLIENT_TOKEN,
  harness,
  loadEvent,
  NOW,
  OTHER_TOKEN,
  post,
  sign,
  URL,
} from './setup.js';

const SIGNATURE = 'x-goog-signature';
const FIXTURE = loadFixture('google', 'notes-envelope-read-event');
const google = authSubject(FIXTURE);

// VECTORS.md: the documented X-Goog-Signature of the READ event, key = the guide's clientToken.
const VECTOR_SIGNATURE =
  'IyTa8IpHeztMn2EK9NE8U3q94YeIlyKtr1CePqKHpfnFM1TIC2vkNBnKqNms/1+HkoJ/xspmGQvgYF9UnG7bbw==';

function vectorRequest(body: string, signature: string = VECTOR_SIGNATURE) {
  return {
    method: 'POST',
    url: '/webhooks/rcs/google',
    headers: { 'content-type': 'application/json', [SIGNATURE]: signature },
    body,
  };
}

/** The fixture with its `message.data` replaced (the signature header is left as it was). */
function withData(body: string, data: string): string {
  const envelope = JSON.parse(body) as { message: { data: string } };
  envelope.message.data = data;
  return JSON.stringify(envelope);
}

describe('google signature test vector', () => {
  it('signs the decoded event bytes, not the base64 text nor the body', () => {
    const event = Buffer.from(loadEvent('notes-user-event-read'), 'utf8');
    expect(event.length).toBe(166);
    const mac = (bytes: Buffer | string) => createHmac('sha512', CLIENT_TOKEN).update(bytes).digest('base64');
    expect(mac(event)).toBe(VECTOR_SIGNATURE);
    const data = (JSON.parse(FIXTURE) as { message: { data: string } }).message.data;
    expect(mac(data)).not.toBe(VECTOR_SIGNATURE);
    expect(mac(FIXTURE)).not.toBe(VECTOR_SIGNATURE);
  });

  it('verifies as given, whatever the envelope bytes around the data', async () => {
    const bodies = [
      FIXTURE,
      JSON.stringify(JSON.parse(FIXTURE)),
      loadFixture('google', 'composed-envelope-read-event-snake-case-duplicates'),
    ];
    for (const body of bodies) {
      const { rcs, events } = harness();
      expect(answer(await rcs.handle(vectorRequest(body)))).toEqual({ status: 200, body: { ok: true } });
      expect(events.map((event) => event.id)).toEqual(['delivery:msg-123:READ:MxA1B2C3']);
    }
  });

  it('is what the signer produces', async () => {
    expect((await sign(FIXTURE)).headers[SIGNATURE]).toBe(VECTOR_SIGNATURE);
  });
});

describe('google authentication', () => {
  signedRequestCases(google);
  base64SignatureCases(google, SIGNATURE, [
    ['truncated (valid base64, 60 bytes)', (signature) => signature.slice(0, 80)],
    ['cut mid-quantum', (signature) => signature.slice(0, 86)],
    ['in base64url', (signature) => signature.replace(/\+/g, '-').replace(/\//g, '_')],
    ['of the base64 text instead of the decoded bytes', () => hmacOfDataText()],
  ]);

  it('rejects tampered decoded data (the signature kept) with 401', () =>
    expectRejected(google, 'invalid_signature', (request) => {
      const tampered = loadEvent('notes-user-event-read').replace('"READ"', '"DELIVERED"');
      request.body = withData(request.body, Buffer.from(tampered).toString('base64'));
    }));

  it('rejects data re-encoded from a re-serialization (other bytes, same JSON value) with 401', () =>
    expectRejected(google, 'invalid_signature', (request) => {
      const reserialized = JSON.stringify(JSON.parse(loadEvent('notes-user-event-read')), null, 1);
      request.body = withData(request.body, Buffer.from(reserialized).toString('base64'));
    }));

  // Signed bytes that cannot even be located are a malformed request (400), not a credential
  // failure: the same answer a body that is not JSON gets (see README "Google RBM").
  const undecodable: [string, string][] = [
    ['with a stray character', '!'],
    ['without padding', 'eyJhIjoxfQ'],
    ['in base64url', 'eyJhIjoi-_8ifQ=='],
    ['with a line break', 'eyJh\nIjoxfQ=='],
  ];
  for (const [what, data] of undecodable) {
    it(`answers 400 malformed_body for message.data ${what}, with a signature header`, async () => {
      const { rcs, events } = harness();
      const signed = await sign(FIXTURE);
      signed.body = withData(signed.body, data);
      expect(answer(await rcs.handle(signed))).toEqual({ status: 400, body: { error: 'malformed_body' } });
      expect(events).toEqual([]);
    });
  }

  it('answers 401 (not 400) for undecodable data without a signature: the header is checked first', () =>
    expectRejected(google, 'missing_signature', (request) => {
      delete request.headers[SIGNATURE];
      request.body = withData(request.body, '!');
    }));

  it('answers 400 for a signed request whose body has no message.data, or is not JSON', async () => {
    const { rcs, events } = harness();
    const signed = await sign(FIXTURE);
    for (const [body, code] of [
      ['{"message":{}}', 'invalid_payload'],
      ['{"message":{"data":42}}', 'invalid_payload'],
      ['[]', 'invalid_payload'],
      ['{"message":', 'malformed_body'],
    ] as const) {
      expect(answer(await rcs.handle({ ...signed, body }))).toEqual({ status: 400, body: { error: code } });
    }
    expect(events).toEqual([]);
  });

  it('does not sign the Pub/Sub metadata: changing it keeps the event authentic', async () => {
    const { rcs, events } = harness();
    const signed = await sign(FIXTURE);
    const envelope = JSON.parse(signed.body) as { message: Record<string, unknown>; subscription: string };
    envelope.message.messageId = '1';
    envelope.message.publishTime = '2030-01-01T00:00:00Z';
    envelope.subscription = 'projects/other/subscriptions/other';
    expect(answer(await rcs.handle({ ...signed, body: JSON.stringify(envelope) })).status).toBe(200);
    expect(events).toHaveLength(1);
  });

  it('has no replay window: an old event (a Google retry lasts up to 7 days) is accepted', async () => {
    const old = JSON.parse(loadEvent('notes-user-event-read')) as Record<string, unknown>;
    old.sendTime = '2024-12-26T12:00:00.000Z';
    const { rcs, events } = harness({ clientToken: CLIENT_TOKEN, toleranceSeconds: 60 });
    expect(await post(rcs, googleEnvelope(old))).toEqual({ status: 200, body: { ok: true } });
    expect(events).toHaveLength(1);
  });

  it('runs handlers once for a duplicate delivery of the same event', async () => {
    const { rcs, events } = harness();
    const signed = await sign(FIXTURE);
    expect((await rcs.handle(signed)).status).toBe(200);
    expect((await rcs.handle(signed)).status).toBe(200);
    // Redelivered in a new Pub/Sub message (new messageId, publishTime): still the same RBM event.
    const again = googleEnvelope(loadEvent('notes-user-event-read'), { messageId: '42' });
    expect((await post(rcs, again)).status).toBe(200);
    expect(events).toHaveLength(1);
  });

  it('never puts a clientToken in an error', async () => {
    const { rcs, errors } = harness({ clientToken: [CLIENT_TOKEN, OTHER_TOKEN] });
    const signed = await sign(FIXTURE, 'WRONGTOKEN');
    const response = await rcs.handle(signed);
    expect(response.status).toBe(401);
    for (const error of errors) {
      for (const token of [CLIENT_TOKEN, OTHER_TOKEN, 'WRONGTOKEN'])
        expect(error.message).not.toContain(token);
    }
    expect(response.body).not.toContain(CLIENT_TOKEN);
  });
});

describe('google configuration', () => {
  it('reads RCS_GOOGLE_CLIENT_TOKEN (comma-separated for rotation) when providers are omitted', async () => {
    const rcs = createRcsWebhooks({
      env: { RCS_GOOGLE_CLIENT_TOKEN: `${OTHER_TOKEN}, ${CLIENT_TOKEN}` },
      now: () => NOW,
    });
    expect(rcs.providers).toContain('google');
    expect((await post(rcs, FIXTURE)).status).toBe(200);
    expect(
      (await post(rcs, loadFixture('google', 'composed-user-event-delivered'), OTHER_TOKEN)).status,
    ).toBe(200);
  });

  it('rejects unknown option keys and empty tokens', () => {
    expect(() =>
      createRcsWebhooks({ providers: { google: { clientToken: CLIENT_TOKEN, secret: 'x' } as never } }),
    ).toThrow(ConfigurationError);
    expect(() => createRcsWebhooks({ providers: { google: { clientToken: '' } } })).toThrow(
      ConfigurationError,
    );
    expect(() => createRcsWebhooks({ providers: { google: { clientToken: [] } } })).toThrow(
      ConfigurationError,
    );
  });

  it('signs for the URL it is given', async () => {
    expect((await sign(FIXTURE)).url).toBe(URL);
  });
});

function hmacOfDataText(): string {
  const data = (JSON.parse(FIXTURE) as { message: { data: string } }).message.data;
  return createHmac('sha512', CLIENT_TOKEN).update(data).digest('base64');
}
