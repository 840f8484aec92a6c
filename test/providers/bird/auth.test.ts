import { createHash } from 'node:crypto';
import { createRcsWebhooks, type WebhookRequest } from 'rcs-webhooks';
import { describe, expect, it } from 'vitest';
import type { BirdOptions } from '../../../src/providers/bird/index.js';
import { loadFixture, loadFixtureJson } from '../../helpers/fixtures.js';
import { BIRD_KEY, birdCore, NOW, signedBird } from './helpers.js';

const body = loadFixture('bird', 'notes-rcs-inbound-text');
const SIG = 'MessageBird-Signature';
const TS = 'MessageBird-Request-Timestamp';
const HOUR_MS = 60 * 60 * 1000;

async function expectRejected(
  request: WebhookRequest,
  code: string,
  bird: BirdOptions = { signingKey: BIRD_KEY },
) {
  const { rcs, events } = birdCore(bird);
  const response = await rcs.handle(request);
  expect(response.status).toBe(401);
  expect(JSON.parse(response.body)).toEqual({ error: code });
  expect(events).toEqual([]);
}

function withHeaders(
  request: WebhookRequest & { headers: Record<string, string> },
  changes: Record<string, string | undefined>,
) {
  const headers: Record<string, string> = { ...request.headers };
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  return { ...request, headers };
}

describe('Bird documented test vector (MessageBird-Signature, notes §2.6)', () => {
  const vectorBody =
    '{"service":"channels","event":"rcs.inbound","payload":{"id":"3c6d204d-09d4-44b0-81a2-6e33dfdf409c","status":"delivered","direction":"incoming","body":{"type":"text","text":{"text":"Incoming message"}}}}';
  const request = {
    method: 'POST',
    url: '/webhooks/rcs/bird',
    headers: {
      'content-type': 'application/json',
      [SIG]: 'lhbIRSe4DfMNKtzqR9wNi+R1r8BgvHUE6hA7AwuyFpY=',
      [TS]: '1719823259',
    },
    body: vectorBody,
  };
  // Bird called the subscription URL https://domain.com/webhook/bird; this server mounts elsewhere.
  const vectorCore = (url = 'https://domain.com/webhook/bird') =>
    birdCore({ signingKey: 'secureSigningKey' }, { publicUrl: () => url, now: () => 1719823259_000 });

  it('has the documented body bytes', () => {
    expect(JSON.stringify(loadFixtureJson('bird', 'notes-signature-vector-rcs-inbound-text'))).toBe(
      vectorBody,
    );
    expect(createHash('sha256').update(vectorBody).digest('hex')).toBe(
      'd6331ec3a95120a8d694bc04856728ea9f5cff559e35f6daa566ef7dca41517b',
    );
  });

  it('verifies as given', async () => {
    const { rcs, events } = vectorCore();
    expect((await rcs.handle(request)).status).toBe(200);
    expect(events.map((event) => event.kind)).toEqual(['unsupported']);
  });

  it('is reproduced by the signer', async () => {
    const signed = await signedBird(vectorBody, {
      config: { signingKey: 'secureSigningKey' },
      url: 'https://domain.com/webhook/bird',
      now: 1719823259_000,
    });
    expect(signed.headers[SIG]).toBe(request.headers[SIG]);
    expect(signed.headers[TS]).toBe('1719823259');
  });

  it('does not verify with a trailing newline in the body or a trailing slash in the URL', async () => {
    expect((await vectorCore().rcs.handle({ ...request, body: `${vectorBody}\n` })).status).toBe(401);
    expect((await vectorCore('https://domain.com/webhook/bird/').rcs.handle(request)).status).toBe(401);
  });
});

describe('Bird MessageBird-Signature', () => {
  it('accepts a signed request', async () => {
    const { rcs, events } = birdCore();
    expect((await rcs.handle(await signedBird(body))).status).toBe(200);
    expect(events).toHaveLength(1);
  });

  it('rejects a tampered body, a tampered timestamp and a wrong key', async () => {
    const signed = await signedBird(body);
    await expectRejected({ ...signed, body: body.replace('Incoming', 'Outgoing') }, 'invalid_signature');
    await expectRejected(
      withHeaders(signed, { [SIG]: signed.headers[SIG], [TS]: String(NOW / 1000 + 1) }),
      'invalid_signature',
    );
    await expectRejected(
      await signedBird(body, { config: { signingKey: 'another-key' } }),
      'invalid_signature',
    );
  });

  it('rejects missing headers', async () => {
    const signed = await signedBird(body);
    await expectRejected(withHeaders(signed, { [SIG]: undefined }), 'missing_signature');
    await expectRejected(withHeaders(signed, { [SIG]: '' }), 'missing_signature');
    await expectRejected(withHeaders(signed, { [TS]: undefined }), 'missing_signature');
    await expectRejected(withHeaders(signed, { [SIG]: undefined, [TS]: undefined }), 'missing_signature');
  });

  it.each([
    ['truncated', (sig: string) => sig.slice(0, 20)],
    [
      'truncated but valid base64',
      (sig: string) => Buffer.from(sig, 'base64').subarray(0, 16).toString('base64'),
    ],
    ['not base64', () => '!!not-base64!!'],
    ['base64url alphabet', (sig: string) => sig.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')],
    ['hex instead of base64', (sig: string) => Buffer.from(sig, 'base64').toString('hex')],
    ['with a prefix', (sig: string) => `v1,${sig}`],
  ])('rejects a signature that is %s', async (_label, change) => {
    const signed = await signedBird(body);
    const changed = change(signed.headers[SIG] as string);
    expect(changed).not.toBe(signed.headers[SIG]);
    await expectRejected(withHeaders(signed, { [SIG]: changed }), 'invalid_signature');
  });

  it('rejects a duplicated signature header', async () => {
    const signed = await signedBird(body);
    const sig = signed.headers[SIG] as string;
    const { rcs, events } = birdCore();
    const response = await rcs.handle({ ...signed, headers: { ...signed.headers, [SIG]: [sig, sig] } });
    expect(response.status).toBe(401);
    expect(events).toEqual([]);
  });

  it.each(['abc', '1719823259.5', '-1719823259', ' 1719823259', '0x66', '1e9'])(
    'rejects the non-numeric timestamp %j',
    async (timestamp) => {
      const signed = await signedBird(body);
      await expectRejected(withHeaders(signed, { [TS]: timestamp }), 'invalid_signature');
    },
  );

  it('accepts a retry that kept its original timestamp for 8 hours (default window 9 h)', async () => {
    const { rcs, events } = birdCore();
    expect((await rcs.handle(await signedBird(body, { now: NOW - 8 * HOUR_MS }))).status).toBe(200);
    expect(events).toHaveLength(1);
  });

  it('rejects stale and future timestamps outside the window', async () => {
    const stale = await signedBird(body, { now: NOW - 9 * HOUR_MS - 1000 });
    await expectRejected(stale, 'stale_timestamp');
    const future = await signedBird(body, { now: NOW + 9 * HOUR_MS + 1000 });
    await expectRejected(future, 'stale_timestamp');
  });

  it('lets toleranceSeconds override the default window (and 0 disable it)', async () => {
    const old = await signedBird(body, { now: NOW - HOUR_MS });
    await expectRejected(old, 'stale_timestamp', { signingKey: BIRD_KEY, toleranceSeconds: 300 });
    const ancient = await signedBird(body, { now: NOW - 1000 * HOUR_MS });
    const { rcs } = birdCore({ signingKey: BIRD_KEY, toleranceSeconds: 0 });
    expect((await rcs.handle(ancient)).status).toBe(200);
  });

  it('accepts every configured key (rotation)', async () => {
    const bird = { signingKey: ['old-key', BIRD_KEY] };
    for (const signingKey of bird.signingKey) {
      const { rcs, events } = birdCore(bird);
      expect((await rcs.handle(await signedBird(body, { config: { signingKey } }))).status).toBe(200);
      expect(events).toHaveLength(1);
    }
    await expectRejected(
      await signedBird(body, { config: { signingKey: 'third' } }),
      'invalid_signature',
      bird,
    );
  });
});

describe('Bird signs the URL it called (publicUrl)', () => {
  const publicUrl = 'https://hooks.example.com/webhooks/rcs/bird?tenant=7';
  const internal = 'http://10.0.0.5:8080/webhooks/rcs/bird?tenant=7';

  it('rejects a request whose URL was rewritten by a proxy, unless publicUrl says what Bird called', async () => {
    const signed = { ...(await signedBird(body, { url: publicUrl })), url: internal };
    await expectRejected(signed, 'invalid_signature');
    for (const option of ['https://hooks.example.com/', () => publicUrl]) {
      const { rcs, events } = birdCore(undefined, { publicUrl: option });
      expect((await rcs.handle(signed)).status).toBe(200);
      expect(events).toHaveLength(1);
    }
  });

  it('rebuilds the URL from X-Forwarded-Proto / X-Forwarded-Host only with trustProxy', async () => {
    const signed = await signedBird(body, { url: publicUrl });
    const forwarded = {
      ...signed,
      url: internal,
      headers: { ...signed.headers, 'x-forwarded-proto': 'https', 'x-forwarded-host': 'hooks.example.com' },
    };
    await expectRejected(forwarded, 'invalid_signature');
    const { rcs } = birdCore(undefined, { trustProxy: true });
    expect((await rcs.handle(forwarded)).status).toBe(200);
  });

  it('uses the URL of the request itself without publicUrl', async () => {
    const { rcs } = birdCore();
    expect((await rcs.handle(await signedBird(body, { url: publicUrl }))).status).toBe(200);
    const relative = { ...(await signedBird(body, { url: 'http://bird.test/webhooks/rcs/bird' })) };
    const response = await rcs.handle({
      ...relative,
      url: '/webhooks/rcs/bird',
      headers: { ...relative.headers, host: 'bird.test' },
    });
    expect(response.status).toBe(200);
  });
});

describe('Bird configuration', () => {
  it('answers 401 when no signing key is configured', async () => {
    await expectRejected(await signedBird(body), 'credentials_not_configured', {});
  });

  it('reads keys from the environment (comma-separated for rotation)', async () => {
    const rcs = createRcsWebhooks({ env: { RCS_BIRD_SIGNING_KEY: `old, ${BIRD_KEY}` }, now: () => NOW });
    expect(rcs.providers).toEqual(['bird']);
    expect((await rcs.handle(await signedBird(body))).status).toBe(200);
    expect((await rcs.handle(await signedBird(body, { config: { signingKey: 'old' } }))).status).toBe(200);
    const legacy = createRcsWebhooks({
      env: { RCS_BIRD_SIGNING_KEY: BIRD_KEY, RCS_BIRD_LEGACY_JWT: 'true' },
      now: () => NOW,
    });
    expect((await legacy.handle(await signedBird(body, { config: { legacyJwt: true } }))).status).toBe(200);
  });

  it('rejects invalid options without echoing the key', () => {
    expect(() => createRcsWebhooks({ providers: { bird: { signingKey: '' } } })).toThrow(/"bird"/);
    expect(() =>
      createRcsWebhooks({ providers: { bird: { signingKey: 'k', legacyJwt: 'yes' } as never } }),
    ).toThrow(/legacyJwt/);
    try {
      createRcsWebhooks({ providers: { bird: { signingKey: 'TOP-SECRET', extra: 1 } as never } });
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain('TOP-SECRET');
    }
  });

  it('never puts the key in an error', async () => {
    const errors: unknown[] = [];
    const { rcs } = birdCore({ signingKey: 'TOP-SECRET-KEY' });
    rcs.onError((error) => {
      errors.push(error);
    });
    await rcs.handle(await signedBird(body));
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).not.toContain('TOP-SECRET-KEY');
  });
});
