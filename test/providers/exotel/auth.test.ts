import { ConfigurationError, createRcsWebhooks, type ExotelOptions } from 'rcs-webhooks';
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../helpers/fixtures.js';
import { BASIC, harness, OTHER_TOKEN, post, sign, TOKEN, URL } from './setup.js';

const body = loadFixture('exotel', 'notes-dlr-variant-a-enveloped');
type Request = Awaited<ReturnType<typeof sign>> & { remoteAddress?: string };

async function expectAccepted(options: ExotelOptions, request: Request) {
  const { rcs, events } = harness(options);
  expect(await post(rcs, request)).toEqual({ status: 200, body: { ok: true } });
  expect(events).toHaveLength(1);
}

async function expectRejected(options: ExotelOptions, request: Request, error: string) {
  const { rcs, events, errors } = harness(options);
  expect(await post(rcs, request)).toEqual({ status: 401, body: { error } });
  expect(events).toEqual([]);
  for (const thrown of errors) {
    expect(thrown.message).not.toContain(TOKEN);
    expect(thrown.message).not.toContain(BASIC.password);
  }
}

describe('Exotel URL token', () => {
  it('accepts the token as a query parameter and as the path segment after /exotel', async () => {
    const query = await sign(body);
    expect(query.url).toBe(`${URL}?token=${TOKEN}`);
    await expectAccepted({ token: TOKEN }, query);
    const path = await sign(body, { urlToken: TOKEN, urlTokenIn: 'path' });
    expect(path.url).toBe(`${URL}/${TOKEN}`);
    await expectAccepted({ token: TOKEN }, path);
  });

  it('honours a custom query parameter name', async () => {
    await expectAccepted(
      { token: TOKEN, tokenParam: 'key' },
      await sign(body, { urlToken: TOKEN, urlTokenParam: 'key' }),
    );
    await expectRejected({ token: TOKEN, tokenParam: 'key' }, await sign(body), 'missing_signature');
  });

  it('accepts every configured token (rotation)', async () => {
    for (const token of [TOKEN, OTHER_TOKEN]) {
      await expectAccepted({ token: [TOKEN, OTHER_TOKEN] }, await sign(body, { urlToken: token }));
    }
  });

  it('rejects a wrong, truncated, padded or missing token', async () => {
    for (const token of ['wrong-token', TOKEN.slice(0, -1), `${TOKEN}x`, TOKEN.toUpperCase()]) {
      await expectRejected({ token: TOKEN }, await sign(body, { urlToken: token }), 'invalid_signature');
      await expectRejected(
        { token: TOKEN },
        await sign(body, { urlToken: token, urlTokenIn: 'path' }),
        'invalid_signature',
      );
    }
    await expectRejected({ token: TOKEN }, await sign(body, {}), 'missing_signature');
    await expectRejected(
      { token: TOKEN },
      { ...(await sign(body)), url: `${URL}?token=` },
      'missing_signature',
    );
  });

  it('answers 404 for more than one path segment after /exotel', async () => {
    const { rcs } = harness();
    const signed = await sign(body, { urlToken: TOKEN, urlTokenIn: 'path' });
    expect((await post(rcs, { ...signed, url: `${signed.url}/extra` })).status).toBe(404);
  });

  it('does not cover the body: Exotel signs nothing, so a changed body with the token is accepted', async () => {
    const signed = await sign(body);
    await expectAccepted({ token: TOKEN }, { ...signed, body: body.replace('40002', '40003') });
  });
});

describe('Exotel Basic credentials', () => {
  it('accepts the Authorization header derived from https://user:pass@host', async () => {
    await expectAccepted({ basic: BASIC }, await sign(body, { basic: BASIC }));
  });

  it('rejects wrong, malformed and missing credentials', async () => {
    const wrong = await sign(body, { basic: { ...BASIC, password: 'nope' } });
    await expectRejected({ basic: BASIC }, wrong, 'invalid_signature');
    await expectRejected(
      { basic: BASIC },
      { ...wrong, headers: { ...wrong.headers, authorization: 'Basic %%' } },
      'invalid_signature',
    );
    await expectRejected({ basic: BASIC }, await sign(body, {}), 'missing_signature');
  });

  it('requires both when token and Basic are configured', async () => {
    const options = { token: TOKEN, basic: BASIC };
    await expectAccepted(options, await sign(body, { urlToken: TOKEN, basic: BASIC }));
    await expectRejected(options, await sign(body, { urlToken: TOKEN }), 'missing_signature');
    await expectRejected(options, await sign(body, { basic: BASIC }), 'missing_signature');
    await expectRejected(options, await sign(body, { urlToken: 'wrong', basic: BASIC }), 'invalid_signature');
  });
});

describe('Exotel IP allowlist', () => {
  const options: ExotelOptions = { token: TOKEN, ipAllowlist: ['203.0.113.0/24', '2001:db8:e::/48'] };

  it('accepts a listed address (IPv4, IPv4-mapped IPv6, IPv6) with the token', async () => {
    for (const remoteAddress of ['203.0.113.7', '::ffff:203.0.113.7', '2001:db8:e:1::5']) {
      await expectAccepted(options, { ...(await sign(body)), remoteAddress });
    }
  });

  it('requires the token too: the allowlist is a restriction, not a credential', async () => {
    await expectRejected(
      options,
      { ...(await sign(body, {})), remoteAddress: '203.0.113.7' },
      'missing_signature',
    );
    await expectRejected(
      options,
      { ...(await sign(body, { urlToken: 'wrong' })), remoteAddress: '203.0.113.7' },
      'invalid_signature',
    );
  });

  it('rejects an unlisted or unknown address even with the right token', async () => {
    const signed = await sign(body);
    await expectRejected(options, { ...signed, remoteAddress: '198.51.100.1' }, 'invalid_signature');
    await expectRejected(options, { ...signed, remoteAddress: '2001:db8:f::1' }, 'invalid_signature');
    await expectRejected(options, signed, 'invalid_signature');
  });

  it('ignores X-Forwarded-For unless trustProxy is set', async () => {
    const signed = await sign(body);
    const spoofed = { ...signed, headers: { ...signed.headers, 'x-forwarded-for': '203.0.113.7' } };
    await expectRejected(options, { ...spoofed, remoteAddress: '10.0.0.2' }, 'invalid_signature');
    await expectRejected(options, spoofed, 'invalid_signature');
  });

  it('with trustProxy: <hops>, takes the client from X-Forwarded-For (also without a socket address)', async () => {
    const signed = await sign(body);
    const forwarded = (value: string) => ({
      ...signed,
      headers: { ...signed.headers, 'x-forwarded-for': value },
    });
    const oneProxy = { ...options, trustProxy: 1 };
    await expectAccepted(oneProxy, forwarded('203.0.113.7'));
    // A client-forged left entry does not help: the proxy appended the real peer on the right.
    await expectRejected(oneProxy, forwarded('203.0.113.7, 198.51.100.1'), 'invalid_signature');
    await expectAccepted({ ...options, trustProxy: 2 }, forwarded('198.51.100.1, 203.0.113.7, 10.0.0.1'));
    await expectRejected({ ...options, trustProxy: 2 }, forwarded('203.0.113.7'), 'invalid_signature');
    await expectRejected(oneProxy, signed, 'invalid_signature');
  });

  it('with trustProxy: <proxy ranges>, takes the rightmost address outside them', async () => {
    const signed = await sign(body);
    const trusted = { ...options, trustProxy: ['10.0.0.0/8', 'fd00::/8'] };
    const via = (value: string, remoteAddress?: string) => ({
      ...signed,
      headers: { ...signed.headers, 'x-forwarded-for': value },
      ...(remoteAddress === undefined ? {} : { remoteAddress }),
    });
    await expectAccepted(trusted, via('198.51.100.1, 203.0.113.7, 10.1.2.3', '::ffff:10.0.0.1'));
    await expectAccepted(trusted, via('203.0.113.7, fd00::1', 'fd00::2'));
    await expectRejected(trusted, via('203.0.113.7, 198.51.100.1', '10.0.0.1'), 'invalid_signature');
    // The socket peer is not a trusted proxy: the header is not believed.
    await expectRejected(trusted, via('203.0.113.7', '198.51.100.9'), 'invalid_signature');
    // No socket address: nothing proves the header came through a trusted proxy.
    await expectRejected(trusted, via('203.0.113.7'), 'invalid_signature');
    await expectRejected(trusted, via('not-an-ip', '10.0.0.1'), 'invalid_signature');
  });

  it('accepts the allowlist alone only with allowlistOnly: true', async () => {
    const only: ExotelOptions = { ipAllowlist: '203.0.113.0/24', allowlistOnly: true };
    await expectAccepted(only, { ...(await sign(body, {})), remoteAddress: '203.0.113.7' });
    await expectRejected(
      only,
      { ...(await sign(body, {})), remoteAddress: '198.51.100.1' },
      'invalid_signature',
    );
    expect(() => createRcsWebhooks({ providers: { exotel: { ipAllowlist: '203.0.113.0/24' } } })).toThrow(
      /ipAllowlist alone does not authenticate/,
    );
  });
});

describe('Exotel configuration', () => {
  it('answers 401 credentials_not_configured when nothing is configured', async () => {
    await expectRejected({}, await sign(body), 'credentials_not_configured');
    await expectRejected({ tokenParam: 'key' }, await sign(body), 'credentials_not_configured');
  });

  it('rejects invalid combinations and ranges at construction time', () => {
    const invalid: ExotelOptions[] = [
      { token: TOKEN, ipAllowlist: '203.0.113.300/24' },
      { token: TOKEN, ipAllowlist: '203.0.113.0/33' },
      { token: TOKEN, ipAllowlist: '2001:db8::/129' },
      { token: TOKEN, ipAllowlist: '10.0.0.0/8', trustProxy: ['nope'] },
      { token: TOKEN, trustProxy: 1 },
      { token: TOKEN, ipAllowlist: '10.0.0.0/8', allowlistOnly: true },
      { allowlistOnly: true },
      { token: '' },
    ];
    for (const exotel of invalid) {
      expect(() => createRcsWebhooks({ providers: { exotel } }), JSON.stringify(exotel)).toThrow(
        ConfigurationError,
      );
    }
  });

  it('reads RCS_EXOTEL_* environment variables', async () => {
    const rcs = createRcsWebhooks({
      env: {
        RCS_EXOTEL_TOKEN: `${TOKEN}, ${OTHER_TOKEN}`,
        RCS_EXOTEL_TOKEN_PARAM: 'key',
        RCS_EXOTEL_IP_ALLOWLIST: '203.0.113.0/24',
        RCS_EXOTEL_TRUST_PROXY: '1',
      },
    });
    expect(rcs.providers).toEqual(['exotel']);
    const signed = await sign(body, { urlToken: OTHER_TOKEN, urlTokenParam: 'key' });
    const request = { ...signed, headers: { ...signed.headers, 'x-forwarded-for': '203.0.113.7' } };
    expect((await rcs.handle(request)).status).toBe(200);
    expect((await rcs.handle({ ...request, headers: signed.headers })).status).toBe(401);
  });

  it('reads Basic credentials and allowlist-only mode from the environment', async () => {
    const basic = createRcsWebhooks({
      env: { RCS_EXOTEL_USERNAME: BASIC.username, RCS_EXOTEL_PASSWORD: BASIC.password },
    });
    expect((await basic.handle(await sign(body, { basic: BASIC }))).status).toBe(200);
    const only = createRcsWebhooks({
      env: {
        RCS_EXOTEL_IP_ALLOWLIST: '203.0.113.7',
        RCS_EXOTEL_ALLOWLIST_ONLY: 'true',
        RCS_EXOTEL_TRUST_PROXY: 'false',
      },
    });
    expect((await only.handle({ ...(await sign(body, {})), remoteAddress: '203.0.113.7' })).status).toBe(200);
    expect(() => createRcsWebhooks({ env: { RCS_EXOTEL_TOKEN_PARAM: 'key' } })).toThrow(ConfigurationError);
  });
});
