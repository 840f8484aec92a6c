import { createRcsWebhooks, type RcsEvent } from 'rcs-webhooks';
import { signRequest } from 'rcs-webhooks/testing';
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../helpers/fixtures.js';

const body = loadFixture('infobip', 'notes-delivery-report-full');
const alice = { username: 'alice', password: 's3cret' };
const bob = { username: 'bob', password: 'hunter2' };
const hmac = { secret: 'hmac-secret', header: 'X-Infobip-Signature' };

function core(providers: Parameters<typeof createRcsWebhooks>[0]) {
  const rcs = createRcsWebhooks(providers);
  const events: RcsEvent[] = [];
  rcs.onAny((event) => {
    events.push(event);
  });
  return { rcs, events };
}

async function expectRejected(
  providers: Parameters<typeof createRcsWebhooks>[0],
  request: Parameters<ReturnType<typeof createRcsWebhooks>['handle']>[0],
  code: string,
) {
  const { rcs, events } = core(providers);
  const response = await rcs.handle(request);
  expect(response.status).toBe(401);
  expect(JSON.parse(response.body)).toEqual({ error: code });
  expect(events).toEqual([]);
}

describe('Infobip Basic auth', () => {
  const providers = { providers: { infobip: { basic: [alice, bob] } } };

  it('accepts every configured pair (rotation)', async () => {
    for (const credential of [alice, bob]) {
      const { rcs, events } = core(providers);
      const signed = await signRequest({ provider: 'infobip', body, config: { basic: credential } });
      expect((await rcs.handle(signed)).status).toBe(200);
      expect(events).toHaveLength(1);
    }
  });

  it('rejects a wrong password, a missing header and a malformed one', async () => {
    const wrong = await signRequest({
      provider: 'infobip',
      body,
      config: { basic: { ...alice, password: 'nope' } },
    });
    await expectRejected(providers, wrong, 'invalid_signature');
    const { authorization: _, ...headers } = wrong.headers;
    await expectRejected(providers, { ...wrong, headers }, 'missing_signature');
    await expectRejected(
      providers,
      { ...wrong, headers: { ...headers, authorization: 'Basic %%%' } },
      'invalid_signature',
    );
    await expectRejected(
      providers,
      { ...wrong, headers: { ...headers, authorization: 'Bearer abc' } },
      'invalid_signature',
    );
  });

  it('rejects a duplicated Authorization header', async () => {
    const signed = await signRequest({ provider: 'infobip', body, config: { basic: alice } });
    const authorization = signed.headers.authorization as string;
    await expectRejected(
      providers,
      { ...signed, headers: { ...signed.headers, authorization: [authorization, authorization] } },
      'invalid_signature',
    );
  });
});

describe('Infobip HMAC', () => {
  it.each([
    ['sha256', 'hex', ''],
    ['sha512', 'base64', ''],
    ['sha1', 'hex', 'sha1='],
  ] as const)('verifies %s / %s / prefix %j over the raw body', async (algorithm, encoding, prefix) => {
    const options = { ...hmac, algorithm, encoding, prefix };
    const { rcs, events } = core({ providers: { infobip: { hmac: options } } });
    const signed = await signRequest({ provider: 'infobip', body, config: { hmac: options } });
    expect((await rcs.handle(signed)).status).toBe(200);
    expect(events).toHaveLength(1);
  });

  it('accepts Infobip algorithm names and auto-detects the encoding', async () => {
    const { rcs } = core({ providers: { infobip: { hmac: { ...hmac, algorithm: 'HMAC_SHA_512' } } } });
    for (const encoding of ['hex', 'base64'] as const) {
      const signed = await signRequest({
        provider: 'infobip',
        body: `${body} `,
        config: { hmac: { ...hmac, algorithm: 'sha512', encoding } },
      });
      expect((await rcs.handle(signed)).status).toBe(200);
    }
  });

  it('rejects a tampered body, a wrong secret, a truncated or missing signature', async () => {
    const providers = { providers: { infobip: { hmac: { ...hmac, secret: ['old', 'hmac-secret'] } } } };
    const signed = await signRequest({ provider: 'infobip', body, config: { hmac } });
    await expectRejected(
      providers,
      { ...signed, body: body.replace('order-42', 'order-43') },
      'invalid_signature',
    );
    const wrong = await signRequest({
      provider: 'infobip',
      body,
      config: { hmac: { ...hmac, secret: 'other' } },
    });
    await expectRejected(providers, wrong, 'invalid_signature');
    const header = 'x-infobip-signature';
    const truncated = { ...signed.headers, [header]: (signed.headers[header] as string).slice(0, 20) };
    await expectRejected(providers, { ...signed, headers: truncated }, 'invalid_signature');
    await expectRejected(
      providers,
      { ...signed, headers: { ...signed.headers, [header]: 'zz!' } },
      'invalid_signature',
    );
    const { [header]: _, ...headers } = signed.headers;
    await expectRejected(providers, { ...signed, headers }, 'missing_signature');
  });
});

describe('Infobip URL token (per-message webhook URLs)', () => {
  const providers = { providers: { infobip: { urlToken: ['t-old', 't-new'] } } };

  it('accepts the token as a query parameter or a path segment', async () => {
    const { rcs } = core(providers);
    const query = await signRequest({ provider: 'infobip', body, config: { urlToken: 't-new' } });
    expect(new URL(query.url).searchParams.get('token')).toBe('t-new');
    expect((await rcs.handle(query)).status).toBe(200);
    const path = { ...query, url: 'http://127.0.0.1/webhooks/rcs/infobip/t-old' };
    expect((await rcs.handle(path)).status).toBe(200);
  });

  it('rejects a wrong or missing token, and extra path segments', async () => {
    const signed = await signRequest({ provider: 'infobip', body, config: { urlToken: 'nope' } });
    await expectRejected(providers, signed, 'invalid_signature');
    await expectRejected(
      providers,
      { ...signed, url: 'http://127.0.0.1/webhooks/rcs/infobip' },
      'missing_signature',
    );
    const { rcs } = core(providers);
    const response = await rcs.handle({
      ...signed,
      url: 'http://127.0.0.1/webhooks/rcs/infobip/t-new/extra',
    });
    expect(response.status).toBe(404);
  });
});

describe('Infobip with several schemes', () => {
  it('accepts a request that passes any configured scheme', async () => {
    const { rcs } = core({ providers: { infobip: { basic: alice, urlToken: 'tok' } } });
    const basic = await signRequest({ provider: 'infobip', body, config: { basic: alice } });
    const token = await signRequest({ provider: 'infobip', body, config: { urlToken: 'tok' } });
    expect((await rcs.handle(basic)).status).toBe(200);
    expect((await rcs.handle(token)).status).toBe(200);
  });
});

describe('fail closed', () => {
  it('answers 401 when the provider has no credentials configured', async () => {
    const signed = await signRequest({ provider: 'infobip', body, config: {} });
    await expectRejected({ providers: { infobip: {} } }, signed, 'credentials_not_configured');
  });

  it('accepts unauthenticated requests only when explicitly allowed', async () => {
    const { rcs, events } = core({ providers: { infobip: { allowUnauthenticated: true } } });
    const signed = await signRequest({ provider: 'infobip', body, config: {} });
    expect((await rcs.handle(signed)).status).toBe(200);
    expect(events).toHaveLength(1);
  });

  it('rejects invalid options at construction, without echoing secrets', () => {
    expect(() =>
      createRcsWebhooks({ providers: { infobip: { basic: { username: 'u', password: '' } } } }),
    ).toThrow(/invalid options for provider "infobip"/);
    expect(() =>
      createRcsWebhooks({ providers: { infobip: { basic: alice, bogus: 'x' } as never } }),
    ).toThrow(/bogus/);
    expect(() => createRcsWebhooks({ providers: { nope: {} } as never })).toThrow(/unknown provider "nope"/);
    expect(() => createRcsWebhooks({ providers: {} })).toThrow(/no provider is configured/);
    try {
      createRcsWebhooks({ providers: { infobip: { hmac: { secret: 'TOP-SECRET', header: '' } } } });
    } catch (error) {
      expect(String(error)).not.toContain('TOP-SECRET');
    }
  });

  it('reads credentials from the environment when no providers are given', async () => {
    const env = {
      RCS_INFOBIP_USERNAME: 'alice',
      RCS_INFOBIP_PASSWORD: 's3cret',
      RCS_INFOBIP_URL_TOKEN: 'a, b',
    };
    const { rcs } = core({ env });
    expect(rcs.providers).toEqual(['infobip']);
    expect(
      (await rcs.handle(await signRequest({ provider: 'infobip', body, config: { basic: alice } }))).status,
    ).toBe(200);
    expect(
      (await rcs.handle(await signRequest({ provider: 'infobip', body, config: { urlToken: 'b' } }))).status,
    ).toBe(200);
    expect(() => createRcsWebhooks({ env: {} })).toThrow(/environment variables/);
  });
});
