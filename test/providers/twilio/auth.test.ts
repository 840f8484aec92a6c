import { describe, expect, it } from 'vitest';
import { ConfigurationError, createRcsWebhooks } from '../../../src/index.js';
import { acceptedBody } from '../../helpers/accepted.js';
import { base64SignatureCases, expectRejected, signedRequestCases } from '../../helpers/auth-matrix.js';
import { authSubject, harness, OTHER_TOKEN, params, post, SIGNATURE, sign, TOKEN, URL } from './setup.js';

const FIXTURE = 'composed-rcs-status-delivered';
const withoutUndefined = (body: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
const twilio = authSubject(params(FIXTURE));

describe('twilio authentication', () => {
  signedRequestCases(twilio);
  base64SignatureCases(twilio, SIGNATURE, [
    [
      'truncated (valid base64, 15 bytes)',
      (signature) => Buffer.from(signature, 'base64').subarray(0, 15).toString('base64'),
    ],
    ['cut mid-quantum', (signature) => signature.slice(0, 25)],
    [
      'with a stray character near its start',
      (signature) => `${signature.slice(0, 5)}!${signature.slice(6)}`,
    ],
    ['with spaces on both sides', (signature) => ` ${signature} `],
  ]);

  it('signs a form body given as an object in its order, and as the exact string', async () => {
    const signed = await sign({ MessageSid: 'SM1', Body: 'a b+c', To: 'rcs:+1' });
    expect(signed.body).toBe('MessageSid=SM1&Body=a+b%2Bc&To=rcs%3A%2B1');
    expect(signed.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Buffer.from(signed.headers[SIGNATURE] ?? '', 'base64')).toHaveLength(20);
    expect((await sign(signed.body)).headers[SIGNATURE]).toBe(signed.headers[SIGNATURE]);
  });

  it('accepts the parameters in any order (Twilio signs them sorted)', async () => {
    const { rcs } = harness();
    const signed = await sign(params(FIXTURE));
    signed.body = signed.body.split('&').reverse().join('&');
    expect((await post(rcs, signed)).status).toBe(200);
  });

  it('rejects a tampered parameter value', () =>
    expectRejected(twilio, 'invalid_signature', (request) => {
      request.body = request.body.replace('MessageStatus=delivered', 'MessageStatus=read');
    }));

  it('rejects an added parameter', () =>
    expectRejected(twilio, 'invalid_signature', (request) => {
      request.body = `${request.body}&ErrorCode=30003`;
    }));

  it('rejects an added empty parameter', () =>
    expectRejected(twilio, 'invalid_signature', (request) => {
      request.body = `${request.body}&Extra=`;
    }));

  it('rejects a removed parameter', () =>
    expectRejected(twilio, 'invalid_signature', (request) => {
      request.body = request.body.replace(/&To=[^&]*/, '');
    }));

  it('rejects a renamed parameter', () =>
    expectRejected(twilio, 'invalid_signature', (request) => {
      request.body = request.body.replace('&To=', '&Tx=');
    }));

  for (const [what, url] of [
    ['path', 'https://hooks.example.com/webhooks/rcs/twilio/'],
    ['query', 'https://hooks.example.com/webhooks/rcs/twilio?tenant=2'],
    ['host', 'https://other.example.com/webhooks/rcs/twilio'],
    ['scheme', 'http://hooks.example.com/webhooks/rcs/twilio'],
  ] as const) {
    it(`rejects a request whose URL ${what} differs from the signed one`, () =>
      expectRejected(twilio, 'invalid_signature', (request) => {
        request.url = url;
      }));
  }

  it('rejects a tampered query parameter', async () => {
    const { rcs, events } = harness();
    const signed = await sign(params(FIXTURE), { url: `${URL}?tenant=1` });
    expect((await post(rcs, signed)).status).toBe(200);
    const other = harness();
    expect(await post(other.rcs, { ...signed, url: `${URL}?tenant=2` })).toEqual({
      status: 401,
      body: { error: 'invalid_signature' },
    });
    expect(other.events).toEqual([]);
    expect(events).toHaveLength(1);
  });

  it('rejects a body that is not UTF-8 as unsigned, not as malformed', async () => {
    const { rcs, events } = harness();
    const signed = await sign(params(FIXTURE));
    const response = await rcs.handle({ ...signed, body: new Uint8Array([0x4d, 0x3d, 0xff, 0xfe]) });
    expect({ status: response.status, body: JSON.parse(response.body) }).toEqual({
      status: 401,
      body: { error: 'invalid_signature' },
    });
    expect(events).toEqual([]);
  });

  it('refuses (401) an authentically signed form that is not one Twilio sends', async () => {
    const valid = params(FIXTURE);
    for (const body of [
      { AccountSid: 'AC1', MessageStatus: 'delivered' },
      { ...valid, MessageSid: '' },
      { ...valid, MessageSid: ['SM00000000000000000000000000000010', 'SM00000000000000000000000000000011'] },
      { ...valid, MessageSid: 'SM1' },
      { ...valid, AccountSid: 'AC1' },
      { ...valid, From: undefined },
      {},
    ]) {
      const { rcs, events, errors } = harness();
      expect(await post(rcs, await sign(withoutUndefined(body)))).toEqual({
        status: 401,
        body: { error: 'invalid_signature' },
      });
      expect(events).toEqual([]);
      expect(errors.map((error) => error.message).join()).toContain('not a form Twilio sends');
    }
  });

  it('passes an authentic status callback of the wrong shape on as unsupported (issue 13 item 8)', async () => {
    const { rcs, events, errors } = harness();
    expect((await post(rcs, await sign({ ...params(FIXTURE), MessageStatus: '' }))).status).toBe(200);
    expect(events.map((event) => event.kind)).toEqual(['unsupported']);
    expect(errors.map((error) => (error as { code?: string }).code)).toEqual(['invalid_payload']);
  });

  it('accepts a signed form stripped of its signature only with allowUnauthenticated', async () => {
    const open = harness({ allowUnauthenticated: true });
    const unsigned = await sign(params(FIXTURE));
    delete unsigned.headers[SIGNATURE];
    expect((await post(open.rcs, unsigned)).status).toBe(200);
  });

  it('runs handlers once for a duplicate delivery', async () => {
    const { rcs, events } = harness();
    const signed = await sign(params('composed-rcs-inbound-media-with-body'));
    expect((await post(rcs, signed)).status).toBe(200);
    expect(await post(rcs, signed)).toEqual({ status: 200, body: acceptedBody('twilio') });
    expect(events.map((event) => event.id)).toEqual([
      'inbound:MM00000000000000000000000000000002',
      'inbound:MM00000000000000000000000000000002:0',
      'inbound:MM00000000000000000000000000000002:1',
    ]);
  });
});

describe('twilio configuration', () => {
  it('rejects unknown option keys and an empty token, never echoing the token', () => {
    for (const options of [{ authToken: TOKEN, secret: 'x' }, { authToken: '' }, { authToken: [] }]) {
      let thrown: unknown;
      try {
        createRcsWebhooks({ providers: { twilio: options as never } });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ConfigurationError);
      expect((thrown as Error).message).not.toContain(TOKEN);
    }
  });

  it('reads RCS_TWILIO_AUTH_TOKEN (comma-separated for rotation) when providers are omitted', async () => {
    const rcs = createRcsWebhooks({ env: { RCS_TWILIO_AUTH_TOKEN: `${OTHER_TOKEN}, ${TOKEN}` } });
    expect(rcs.providers).toContain('twilio');
    for (const authToken of [TOKEN, OTHER_TOKEN]) {
      const signed = await sign(params(FIXTURE), { config: { authToken } });
      expect((await rcs.handle(signed)).status).toBe(200);
    }
  });

  it('is not configured from an empty RCS_TWILIO_AUTH_TOKEN', () => {
    expect(() => createRcsWebhooks({ env: { RCS_TWILIO_AUTH_TOKEN: ' , ' } })).toThrow(ConfigurationError);
  });

  it('refuses a test body that is not an object of parameters', async () => {
    await expect(sign([1, 2])).rejects.toBeInstanceOf(ConfigurationError);
    await expect(sign({ Nested: { a: 1 } })).rejects.toBeInstanceOf(ConfigurationError);
    expect((await sign({ NumMedia: 0, Flag: true, Multi: ['a', 'b'] })).body).toBe(
      'NumMedia=0&Flag=true&Multi=a&Multi=b',
    );
  });
});
