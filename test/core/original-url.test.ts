import { createRcsWebhooks, type RcsWebhooksOptions, type WebhookRequest } from 'rcs-webhooks';
import { describe, expect, it } from 'vitest';
import { fixtureBody, sampleOf, sign } from '../adapters/conformance/samples.js';

// Issue 14 item 4: adapters under a mount point route on `url` (relative to the mount) and pass the
// URL the client sent as `originalUrl`; URL-signing providers (Bird here) verify over the latter.
const bird = sampleOf('bird');
const body = fixtureBody(bird, 0);

async function receive(
  signedUrl: string,
  received: Pick<WebhookRequest, 'url' | 'originalUrl'> & { headers?: Record<string, string> },
  options: Omit<RcsWebhooksOptions, 'providers'> = {},
) {
  const rcs = createRcsWebhooks({ providers: { bird: bird.options }, ...options });
  const signed = await sign(bird, signedUrl, body);
  const request: WebhookRequest = {
    ...signed,
    url: received.url,
    headers: { ...signed.headers, ...received.headers },
  };
  if (received.originalUrl !== undefined) request.originalUrl = received.originalUrl;
  return (await rcs.handle(request)).status;
}

describe('originalUrl', () => {
  const relative = '/webhooks/rcs/bird?tenant=7';
  const original = '/api/webhooks/rcs/bird?tenant=7';

  it('routes on url and verifies the URL signature over originalUrl', async () => {
    const host = { host: 'hooks.example.com' };
    const signedUrl = `http://hooks.example.com${original}`;
    expect(await receive(signedUrl, { url: relative, originalUrl: original, headers: host })).toBe(200);
    // Without it, the relative URL is all the core knows: the signature over the full one fails.
    expect(await receive(signedUrl, { url: relative, headers: host })).toBe(401);
    // Routing never looks at originalUrl: outside the mount stays outside.
    expect(await receive(signedUrl, { url: original, originalUrl: original, headers: host })).toBe(404);
  });

  it('is what publicUrl and trustProxy complete, and what a publicUrl function can read', async () => {
    const publicUrl = 'https://api.example.com';
    expect(
      await receive(`${publicUrl}${original}`, { url: relative, originalUrl: original }, { publicUrl }),
    ).toBe(200);
    const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'Api.Example.com' };
    expect(
      await receive(
        `https://Api.Example.com${original}`,
        { url: relative, originalUrl: original, headers: forwarded },
        { trustProxy: true },
      ),
    ).toBe(200);
    const seen: (string | undefined)[] = [];
    const fromFunction = (request: WebhookRequest) => {
      seen.push(request.originalUrl);
      return `${publicUrl}${request.originalUrl ?? request.url}`;
    };
    expect(
      await receive(
        `${publicUrl}${original}`,
        { url: relative, originalUrl: original },
        {
          publicUrl: fromFunction,
        },
      ),
    ).toBe(200);
    expect(seen).toEqual([original]);
  });

  it('keeps the scheme and host of an absolute originalUrl as sent', async () => {
    const absolute = `https://Hooks.Example.com:8443${original}`;
    expect(await receive(absolute, { url: relative, originalUrl: absolute })).toBe(200);
  });
});
