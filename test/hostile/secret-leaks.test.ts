import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import express from 'express';
import { createRcsWebhooks, type ProvidersOptions, type RcsWebhooks } from 'rcs-webhooks';
import { rcsWebhooks } from 'rcs-webhooks/express';
import { createNodeHandler } from 'rcs-webhooks/node';
import { type SignedRequest, signRequest } from 'rcs-webhooks/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../helpers/http.js';
import { seededRandom } from '../helpers/seeded-random.js';
import { type HostileRequest, parseResponse, rawResponseBytes } from './raw-http.js';
import { samples } from './setup.js';

/**
 * Issue 13 A5: no response (status line, headers, body), error message or `onError` payload (any
 * field, down the `cause` chain) may carry a configured secret or a URL token, whether the token
 * came in the query or in the path. Every provider is configured with secrets of its own (URL
 * tokens for Infobip and Exotel), and requests fail at every stage: routing, method, media type,
 * size, credentials, body, handshake.
 */

const random = seededRandom(0x5ec2e7);
const hex = (length: number) => Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');
/** Distinct, searchable secrets: a leak of any of them is a substring match. */
const secret = (label: string) => `${label}-${hex(20)}`;

const S = {
  infobipUser: secret('ibuser'),
  infobipPassword: secret('ibpass'),
  infobipHmac: secret('ibhmac'),
  infobipUrlToken: secret('ibtoken'),
  exotelToken: secret('extoken'),
  exotelUser: secret('exuser'),
  exotelPassword: secret('expass'),
  twilio: secret('twauth'),
  bird: secret('birdkey'),
  google: secret('gclient'),
  sinch: secret('sinchsecret'),
  vonage: secret('vonagesecret'),
};
const telnyx = samples.find((sample) => sample.provider === 'telnyx');
if (telnyx?.provider !== 'telnyx') throw new Error('no telnyx sample');
const telnyxSeed = telnyx.signing.privateKey ?? '';

/** URL tokens a client sent that are not configured (an old one, a guess): never echoed either. */
const wrongTokens = [secret('wrongtoken'), `${secret('encoded')}%2Fx%20y`, `${secret('unicode')}é`];

const providers: ProvidersOptions = {
  infobip: {
    basic: { username: S.infobipUser, password: S.infobipPassword },
    hmac: { secret: S.infobipHmac, header: 'x-hub-signature' },
    urlToken: S.infobipUrlToken,
  },
  exotel: { token: S.exotelToken, basic: { username: S.exotelUser, password: S.exotelPassword } },
  twilio: { authToken: S.twilio },
  bird: { signingKey: S.bird },
  google: { clientToken: S.google },
  sinch: { secret: S.sinch },
  telnyx: telnyx.options,
  vonage: { signatureSecret: S.vonage },
};

const wrong = (value: string) => `${value}-wrong`;
const otherTelnyxSeed = createHash('sha256').update('not the telnyx key').digest().toString('base64');
const signings = (flip: (value: string) => string, telnyxKey: string): Record<string, unknown> => ({
  infobip: { basic: { username: S.infobipUser, password: flip(S.infobipPassword) } },
  exotel: { basic: { username: S.exotelUser, password: flip(S.exotelPassword) } },
  twilio: { authToken: flip(S.twilio) },
  bird: { signingKey: flip(S.bird) },
  google: { clientToken: flip(S.google) },
  sinch: { secret: flip(S.sinch) },
  telnyx: { privateKey: telnyxKey },
  vonage: { signatureSecret: flip(S.vonage), apiKey: 'a1b2c3d' },
});
const rightSigning = signings((value) => value, telnyxSeed);
const wrongSigning = signings(wrong, otherTelnyxSeed);

/** Every text that must never come out: configured secrets, their wrong variants, sent URL tokens. */
const forbidden = [
  ...Object.values(S),
  ...Object.values(S).map(wrong),
  telnyxSeed,
  ...wrongTokens.flatMap((token) => [token, decodeURIComponent(token), encodeURIComponent(token)]),
];

const BODY = JSON.stringify({ results: [{ messageId: 'leak-test', status: { groupName: 'DELIVERED' } }] });

interface Case {
  label: string;
  request: (origin: string) => Promise<HostileRequest>;
}

function hostile(signed: SignedRequest, changes: Partial<HostileRequest> = {}): HostileRequest {
  const url = new URL(signed.url);
  return {
    method: signed.method,
    path: `${url.pathname}${url.search}`,
    headers: Object.entries(signed.headers),
    body: Buffer.from(signed.body, 'utf8'),
    ...changes,
  };
}

function signFor(provider: string, origin: string, signing: unknown, body = BODY, path = '') {
  return signRequest({
    provider,
    body,
    config: signing,
    url: `${origin}/webhooks/rcs/${provider}${path}`,
  } as Parameters<typeof signRequest>[0]);
}

const raw = (method: string, path: string, headers: [string, string][] = []): HostileRequest => ({
  method,
  path,
  headers: [['Content-Type', 'application/json'], ...headers],
  body: Buffer.from(BODY),
});

const tokens = [S.exotelToken, S.infobipUrlToken, ...wrongTokens];
const cases: Case[] = [
  ...tokens.flatMap((token): Case[] => [
    // Unknown provider, the token in the path: the message once carried the whole path.
    { label: 'below a provider', request: async () => raw('POST', `/webhooks/rcs/exotel/${token}/x`) },
    { label: 'as the provider', request: async () => raw('POST', `/webhooks/rcs/${token}`) },
    {
      label: 'unknown, path+query',
      request: async () => raw('POST', `/webhooks/rcs/no/${token}?token=${token}`),
    },
    { label: 'no token path', request: async () => raw('POST', `/webhooks/rcs/twilio/${token}`) },
    // Wrong method, the token in the path and in the query.
    { label: 'GET path', request: async () => raw('GET', `/webhooks/rcs/exotel/${token}`) },
    { label: 'PUT query', request: async () => raw('PUT', `/webhooks/rcs/infobip?token=${token}`) },
    // Bad or right token, no other credential.
    { label: 'exotel path', request: async () => raw('POST', `/webhooks/rcs/exotel/${token}`) },
    { label: 'infobip query', request: async () => raw('POST', `/webhooks/rcs/infobip?token=${token}`) },
    { label: 'infobip path', request: async () => raw('POST', `/webhooks/rcs/infobip/${token}`) },
  ]),
  ...Object.keys(providers).flatMap((provider): Case[] =>
    [S.exotelToken, S.infobipUrlToken, wrongTokens[0] ?? ''].flatMap((token): Case[] => [
      {
        label: `${provider}: wrong credentials, token in the query`,
        request: async (origin) =>
          hostile(await signFor(provider, origin, wrongSigning[provider], BODY, `?token=${token}`)),
      },
      {
        label: `${provider}: wrong credentials, token in the path`,
        request: async (origin) =>
          hostile(await signFor(provider, origin, wrongSigning[provider], BODY, `/${token}`)),
      },
      {
        label: `${provider}: right credentials, unreadable body, token in the query`,
        request: async (origin) =>
          hostile(
            await signFor(provider, origin, rightSigning[provider], '{"malformed": ', `?token=${token}`),
          ),
      },
      {
        label: `${provider}: no credentials, token in the query`,
        request: async () => raw('POST', `/webhooks/rcs/${provider}?token=${token}`),
      },
      {
        label: `${provider}: another media type`,
        request: async (origin) =>
          hostile(await signFor(provider, origin, rightSigning[provider], BODY, `?token=${token}`), {
            headers: [['Content-Type', 'image/png']],
          }),
      },
      {
        label: `${provider}: too large`,
        request: async () => ({
          ...raw('POST', `/webhooks/rcs/${provider}/${token}?token=${token}`),
          body: Buffer.alloc(MAX_BODY + 1, 0x20),
        }),
      },
    ]),
  ),
  // The Google verification request: a wrong clientToken, and a configured secret in its body.
  {
    label: 'google handshake, wrong clientToken',
    request: async () => ({
      ...raw('POST', '/webhooks/rcs/google'),
      body: Buffer.from(JSON.stringify({ clientToken: wrong(S.google), secret: S.sinch })),
    }),
  },
];

const MAX_BODY = 8 * 1024;

interface Exchange {
  /** Everything the client received: status line, headers and body. */
  response: string;
  status: number;
}

interface Entry {
  name: string;
  origin: string;
  core: RcsWebhooks;
  send(request: HostileRequest): Promise<Exchange>;
  close(): Promise<void>;
}

const newCore = () => createRcsWebhooks({ providers, maxBodyBytes: MAX_BODY });

function inProcess(
  name: string,
  send: (core: RcsWebhooks, request: HostileRequest, url: string) => Promise<Exchange>,
): () => Promise<Entry> {
  return async () => {
    const core = newCore();
    const origin = 'http://127.0.0.1';
    return {
      name,
      origin,
      core,
      send: (request) => send(core, request, `${origin}${request.path}`),
      close: async () => {},
    };
  };
}

function overHttp(
  name: string,
  mount: (core: RcsWebhooks) => Parameters<typeof createServer>[1],
): () => Promise<Entry> {
  return async () => {
    const core = newCore();
    const server: RunningServer = await listen(createServer(mount(core)));
    const port = Number(new URL(server.base).port);
    return {
      name,
      origin: server.base,
      core,
      async send(request) {
        const bytes = await rawResponseBytes(port, request);
        return {
          response: bytes.toString('latin1'),
          status: parseResponse(bytes, request.method, true)?.status ?? 0,
        };
      },
      close: () => server.close(),
    };
  };
}

const entries: [string, () => Promise<Entry>][] = [
  [
    'rcs.handle',
    inProcess('rcs.handle', async (core, request, url) => {
      const response = await core.handle({
        method: request.method,
        url,
        headers: request.headers,
        body: request.body,
      });
      return { status: response.status, response: `${JSON.stringify(response.headers)}\n${response.body}` };
    }),
  ],
  [
    'rcs.fetch',
    inProcess('rcs.fetch', async (core, request, url) => {
      const bodyless = ['GET', 'HEAD'].includes(request.method);
      const response = await core.fetch(
        new Request(url, {
          method: request.method,
          headers: request.headers as [string, string][],
          body: bodyless ? null : Buffer.from(request.body),
        }),
      );
      const headers: string[] = [];
      response.headers.forEach((value, name) => {
        headers.push(`${name}: ${value}`);
      });
      return { status: response.status, response: `${headers.join('\n')}\n${await response.text()}` };
    }),
  ],
  ['node:http over TCP', overHttp('node:http over TCP', (core) => createNodeHandler(core))],
  [
    'Express 5 over TCP',
    overHttp('Express 5 over TCP', (core) => {
      const app = express();
      app.use(rcsWebhooks(core));
      return app;
    }),
  ],
];

/** Every string reachable from an error without its stack: message, code, fields, `cause`, `errors`. */
function errorTexts(value: unknown, seen = new Set<unknown>(), depth = 0): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null || seen.has(value) || depth > 6) return [];
  seen.add(value);
  const texts: string[] = [];
  for (const key of Object.getOwnPropertyNames(value)) {
    if (key === 'stack') continue;
    texts.push(key, ...errorTexts((value as Record<string, unknown>)[key], seen, depth + 1));
  }
  return texts;
}

function leaksIn(text: string): string[] {
  return forbidden.filter((value) => value !== '' && text.includes(value));
}

describe.each(entries)('%s', (_name, start) => {
  let entry: Entry;
  const reported: unknown[] = [];
  beforeAll(async () => {
    entry = await start();
    entry.core.onError((error) => {
      reported.push(error);
    });
  });
  afterAll(() => entry?.close());

  it('never answers or reports a secret or a URL token, at any stage of a failing request', async () => {
    const statuses = new Set<number>();
    for (const { label, request } of cases) {
      const mark = reported.length;
      const sent = await request(entry.origin);
      const { response, status } = await entry.send(sent);
      statuses.add(status);
      expect(leaksIn(response), `${entry.name}: ${label}: response`).toEqual([]);
      for (const error of reported.slice(mark)) {
        expect(leaksIn(errorTexts(error).join('\n')), `${entry.name}: ${label}: onError`).toEqual([]);
      }
    }
    // Every stage was reached: routing, method, credentials, body, media type, size.
    for (const status of [404, 405, 401, 415, 413]) expect([...statuses], entry.name).toContain(status);
    expect(reported.length).toBeGreaterThan(cases.length / 2);
  });
});
