import { describe, expect, it } from 'vitest';
import type { WebhookRequest } from '../../../src/index.js';
import { harness, params, post, sign } from './setup.js';

const FIXTURE = 'composed-rcs-status-read';
const PUBLIC = 'https://api.example.com';
const PATH = '/webhooks/rcs/twilio';

/** Signed for `signedUrl`, received by this server at `received` (as behind a proxy). */
async function receive(
  signedUrl: string,
  received: { url: string; headers?: Record<string, string> },
  extra: Parameters<typeof harness>[1],
) {
  const { rcs, events } = harness(undefined, extra);
  const signed = await sign(params(FIXTURE), { url: signedUrl });
  const response = await post(rcs, {
    ...signed,
    url: received.url,
    headers: { ...signed.headers, ...received.headers },
  });
  return { status: response.status, events };
}

describe('twilio public URL', () => {
  it('verifies against the publicUrl origin, with the received path and query appended', async () => {
    const result = await receive(
      `${PUBLIC}${PATH}?tenant=7`,
      { url: `${PATH}?tenant=7` },
      { publicUrl: PUBLIC },
    );
    expect(result.status).toBe(200);
    expect(result.events).toHaveLength(1);
    const moved = await receive(
      `${PUBLIC}${PATH}?tenant=7`,
      { url: `${PATH}?tenant=8` },
      { publicUrl: PUBLIC },
    );
    expect(moved).toEqual({ status: 401, events: [] });
  });

  it('verifies against the URL a publicUrl function returns', async () => {
    const seen: string[] = [];
    const publicUrl = (request: WebhookRequest) => {
      seen.push(request.url);
      return `https://edge.example.net/twilio-hook${new URL(request.url, 'http://x').search}`;
    };
    const result = await receive(
      'https://edge.example.net/twilio-hook?a=1',
      { url: `${PATH}?a=1` },
      { publicUrl },
    );
    expect(result.status).toBe(200);
    expect(seen).toEqual([`${PATH}?a=1`]);
    expect((await receive(`${PUBLIC}${PATH}?a=1`, { url: `${PATH}?a=1` }, { publicUrl })).status).toBe(401);
  });

  it('fails behind a proxy when the received URL is not the public one', async () => {
    const result = await receive(`${PUBLIC}${PATH}`, { url: `http://10.0.0.5:3000${PATH}` }, {});
    expect(result).toEqual({ status: 401, events: [] });
  });

  describe('trustProxy', () => {
    const forwarded = {
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'api.example.com',
      host: '10.0.0.5:3000',
    };

    it('rebuilds the public URL from X-Forwarded-Proto / X-Forwarded-Host when trusted', async () => {
      const result = await receive(
        `${PUBLIC}${PATH}`,
        { url: PATH, headers: forwarded },
        { trustProxy: true },
      );
      expect(result.status).toBe(200);
      expect(result.events.map((event) => event.kind)).toEqual(['delivery']);
    });

    it('takes the client-most value of a forwarded list', async () => {
      const headers = {
        ...forwarded,
        'x-forwarded-proto': 'https, http',
        'x-forwarded-host': 'api.example.com, lb',
      };
      expect((await receive(`${PUBLIC}${PATH}`, { url: PATH, headers }, { trustProxy: true })).status).toBe(
        200,
      );
    });

    it('ignores forwarded headers unless trusted', async () => {
      const result = await receive(`${PUBLIC}${PATH}`, { url: PATH, headers: forwarded }, {});
      expect(result).toEqual({ status: 401, events: [] });
    });

    it('rejects a forwarded host other than the signed one', async () => {
      const headers = { ...forwarded, 'x-forwarded-host': 'evil.example.com' };
      expect((await receive(`${PUBLIC}${PATH}`, { url: PATH, headers }, { trustProxy: true })).status).toBe(
        401,
      );
    });
  });

  describe('ports', () => {
    const accepted: [string, string, string][] = [
      ['signed with :443, received without', `https://api.example.com:443${PATH}`, PUBLIC],
      ['signed without, received with :443', `${PUBLIC}${PATH}`, 'https://api.example.com:443'],
      [
        'http signed with :80, received without',
        `http://api.example.com:80${PATH}`,
        'http://api.example.com',
      ],
      // twilio-node's validator strips any port: Twilio's backend sometimes signs without it.
      ['signed without, received with :8443', `${PUBLIC}${PATH}`, 'https://api.example.com:8443'],
      [
        'signed and received with :8443',
        `https://api.example.com:8443${PATH}`,
        'https://api.example.com:8443',
      ],
    ];
    for (const [what, signedUrl, publicUrl] of accepted) {
      it(`accepts a request ${what}`, async () => {
        expect((await receive(signedUrl, { url: PATH }, { publicUrl })).status).toBe(200);
      });
    }

    const rejected: [string, string, string][] = [
      ['signed with :8443, received without', `https://api.example.com:8443${PATH}`, PUBLIC],
      [
        'signed with :443, received over http',
        `https://api.example.com:443${PATH}`,
        'http://api.example.com',
      ],
      ['signed with :80 on https', `https://api.example.com:80${PATH}`, PUBLIC],
    ];
    for (const [what, signedUrl, publicUrl] of rejected) {
      it(`rejects a request ${what}`, async () => {
        expect(await receive(signedUrl, { url: PATH }, { publicUrl })).toEqual({ status: 401, events: [] });
      });
    }
  });
});
