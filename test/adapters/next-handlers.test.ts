import { createServer } from 'node:http';
import getRawBody from 'raw-body';
import { createRcsWebhooks, type RcsWebhooks } from 'rcs-webhooks';
import { rcsPagesHandler, rcsRouteHandlers } from 'rcs-webhooks/next';
import { type SignedRequest, toWebRequest } from 'rcs-webhooks/testing';
import { describe, expect, it } from 'vitest';
import { listen, send } from '../helpers/http.js';
import { fixtureBody, sampleOf, sign, wrongSigning } from './conformance/samples.js';

// In-process checks of the Next.js handlers' own logic; next.test.ts runs them in a real Next app.
const infobip = sampleOf('infobip');
const bird = sampleOf('bird');
const core = (options = {}) =>
  createRcsWebhooks({ providers: { infobip: infobip.options, bird: bird.options }, ...options });
const signed = (index: number, url = 'http://127.0.0.1/webhooks/rcs/infobip') =>
  sign(infobip, url, fixtureBody(infobip, index));

describe('rcsRouteHandlers', () => {
  it('verifies URL signatures against the Host header, not the address Next listens on', async () => {
    const { POST } = rcsRouteHandlers(core());
    const request = await sign(bird, 'http://hooks.example.test/webhooks/rcs/bird', fixtureBody(bird, 0));
    // Next builds request.url from `next start -H/-p`; the Host header is what the provider called.
    const response = await POST(
      new Request('http://localhost:3000/webhooks/rcs/bird', {
        method: 'POST',
        headers: { ...request.headers, host: 'hooks.example.test' },
        body: request.body,
      }),
    );
    expect(response.status).toBe(200);
  });

  it('creates the core from a function on the first request only (next build loads route modules)', async () => {
    let created = 0;
    const { POST, GET } = rcsRouteHandlers(() => {
      created++;
      return core();
    });
    expect(created).toBe(0);
    expect((await POST(toWebRequest(await signed(0)))).status).toBe(200);
    expect((await GET(new Request('http://127.0.0.1/webhooks/rcs/infobip'))).status).toBe(405);
    const outside = await POST(new Request('http://127.0.0.1/elsewhere', { method: 'POST' }));
    expect([outside.status, await outside.json()]).toEqual([404, { error: 'not_found' }]);
    expect(created).toBe(1);
  });
});

describe('rcsRouteHandlers with waitUntil', () => {
  function deferred(rcs: RcsWebhooks) {
    const background: Promise<unknown>[] = [];
    const { POST } = rcsRouteHandlers(rcs, { waitUntil: (work) => background.push(work) });
    const post = async (request: SignedRequest) => {
      const response = await POST(toWebRequest(request));
      return { status: response.status, body: await response.text() };
    };
    return { post, settled: () => Promise.all(background) };
  }

  it('answers 200 before the handlers finish and runs them inside waitUntil', async () => {
    const rcs = core();
    let release = () => {};
    const finished: string[] = [];
    rcs.onDelivery(async (event) => {
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      finished.push(event.id);
    });
    const { post, settled } = deferred(rcs);
    const request = await signed(0);
    expect(await post(request)).toEqual({ status: 200, body: '{"ok":true}' });
    expect(finished).toEqual([]);
    release();
    await settled();
    expect(finished).toHaveLength(1);
    expect(await post(request)).toEqual({ status: 200, body: '{"ok":true}' }); // a duplicate now
    expect(finished).toHaveLength(1);
  });

  it('sends a failure after the 200 to onError and releases the claim (handlerErrors: retry)', async () => {
    const rcs = core();
    const errors: string[] = [];
    let calls = 0;
    rcs.onDelivery(() => {
      calls++;
      if (calls === 1) throw new Error('boom');
    });
    rcs.onError((error) => {
      errors.push(error.name);
    });
    const { post, settled } = deferred(rcs);
    const request = await signed(0);
    expect((await post(request)).status).toBe(200);
    await settled();
    expect(errors).toEqual(['HandlerError']);
    expect((await post(request)).status).toBe(200);
    await settled();
    expect(calls).toBe(2);
  });

  it('completes the claim instead with handlerErrors: acknowledge', async () => {
    const rcs = core({ handlerErrors: 'acknowledge' });
    let calls = 0;
    rcs.onDelivery(() => {
      calls++;
      throw new Error('boom');
    });
    const { post, settled } = deferred(rcs);
    const request = await signed(0);
    await post(request);
    await settled();
    await post(request);
    await settled();
    expect(calls).toBe(1);
  });

  it('answers rejections and duplicates as usual, without waiting for anything', async () => {
    const rcs = core();
    const { post } = deferred(rcs);
    const forged = await sign(
      infobip,
      'http://127.0.0.1/webhooks/rcs/infobip',
      fixtureBody(infobip, 0),
      wrongSigning(infobip),
    );
    expect((await post(forged)).status).toBe(401);
    const signed = await sign(infobip, 'http://127.0.0.1/webhooks/rcs/infobip', fixtureBody(infobip, 0));
    const png = { ...signed, headers: { ...signed.headers, 'content-type': 'image/png' } };
    expect((await post(png)).status).toBe(415);
  });
});

describe('rcsPagesHandler', () => {
  it('answers through the Node response, and explains bodyParser: false when Next parsed the body', async () => {
    const handler = rcsPagesHandler(core({ path: '/api/webhooks/rcs' }));
    let parse = false;
    const server = await listen(
      createServer(async (req, res) => {
        if (parse) await getRawBody(req); // what Next's default API body parser does
        await handler(req, res);
      }),
    );
    const url = 'http://127.0.0.1/api/webhooks/rcs/infobip';
    expect(await send(server.base, await signed(0, url))).toEqual({ status: 200, body: '{"ok":true}' });
    parse = true;
    const response = await send(server.base, await signed(1, url));
    expect(response.status).toBe(500);
    expect(JSON.parse(response.body).message).toMatch(/bodyParser: false/);
    await server.close();
  });
});
