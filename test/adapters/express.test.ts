import { createServer, request as httpRequest } from 'node:http';
import express5 from 'express';
import express4 from 'express4';
import type { RcsEvent } from 'rcs-webhooks';
import { rcsWebhooks } from 'rcs-webhooks/express';
import { afterEach, describe, expect, it } from 'vitest';
import { loadFixture } from '../helpers/fixtures.js';
import { listen, type RunningServer, send } from '../helpers/http.js';
import { INFOBIP_BASIC, signedInfobip } from '../helpers/infobip.js';

type ExpressFactory = typeof express5;
const body = loadFixture('infobip', 'notes-delivery-report-full');

describe.each([
  ['Express 5', express5],
  ['Express 4', express4 as unknown as ExpressFactory],
])('%s', (_name, express) => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function start(setup: (app: ReturnType<ExpressFactory>) => void = () => {}, options = {}) {
    const app = express();
    const hooks = rcsWebhooks({ providers: { infobip: { basic: INFOBIP_BASIC } }, ...options });
    const events: RcsEvent[] = [];
    hooks.onAny((event) => {
      events.push(event);
    });
    setup(app);
    app.use(hooks);
    app.post('/other', (req, res) => {
      res.json({ other: true, parsed: req.body ?? null });
    });
    server = await listen(createServer(app));
    return { hooks, events, base: server.base };
  }

  it('handles a signed webhook and carries the on* API on the middleware', async () => {
    const { base, events, hooks } = await start();
    const response = await send(base, await signedInfobip(body));
    expect(response).toEqual({ status: 200, body: '{"ok":true}' });
    expect(events).toHaveLength(1);
    expect(typeof hooks.onDelivery).toBe('function');
    expect(await hooks.messages.get('c0ed295b-c39d-4f6d-b347-fa1837f18c00')).toMatchObject({
      status: 'delivered',
    });
  });

  it('runs handlers once for a duplicate, and again after a handler failure', async () => {
    const { base, hooks } = await start();
    let calls = 0;
    hooks.onDelivery(() => {
      calls++;
      if (calls === 1) throw new Error('transient');
    });
    const signed = await signedInfobip(body);
    expect((await send(base, signed)).status).toBe(500);
    expect((await send(base, signed)).status).toBe(200);
    expect((await send(base, signed)).status).toBe(200);
    expect(calls).toBe(2);
  });

  it('answers bad input per the contract; authenticated content it cannot read becomes unsupported', async () => {
    const { base, events } = await start(undefined, { maxBodyBytes: 4096 });
    const signed = await signedInfobip(body);
    const wrongAuth = { ...signed, headers: { ...signed.headers, authorization: 'Basic d3Jvbmc6d3Jvbmc=' } };
    const cases: [typeof signed, number][] = [
      [wrongAuth, 401],
      [{ ...signed, body: `{"results":[],"pad":"${'x'.repeat(5000)}"}` }, 413],
      [{ ...signed, headers: { ...signed.headers, 'content-type': 'text/plain' } }, 415],
      [{ ...signed, url: 'http://127.0.0.1/webhooks/rcs/unknown' }, 404],
      [{ ...signed, method: 'GET' }, 405],
    ];
    for (const [request, status] of cases) expect((await send(base, request)).status).toBe(status);
    expect(events).toEqual([]);
    // Once authenticated, content is never refused (issue 13 item 8): 200 and an unsupported event.
    for (const text of ['{"results":', '{"results":[{"status":{}}]}']) {
      expect((await send(base, { ...signed, body: text })).status).toBe(200);
    }
    expect(events.map((event) => event.kind)).toEqual(['unsupported', 'unsupported']);
  });

  it('rejects a chunked body that grows past the limit without reading it all', async () => {
    const { base } = await start(undefined, { maxBodyBytes: 1024 });
    const url = new URL('/webhooks/rcs/infobip', base);
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json' } });
      request.on('response', (response) => resolve(response.statusCode ?? 0));
      request.on('error', reject);
      const chunk = Buffer.alloc(512, 0x20);
      let sent = 0;
      const pump = () => {
        // A client that would send 100 MiB: the server answers long before.
        while (sent < 200_000 && request.write(chunk)) sent++;
        if (sent < 200_000) request.once('drain', pump);
      };
      pump();
    });
    expect(status).toBe(413);
  });

  it('answers 408 for a body that trickles in slower than the read timeout', async () => {
    const { base } = await start(undefined, { readTimeoutMs: 200 });
    const url = new URL('/webhooks/rcs/infobip', base);
    const signed = await signedInfobip(body);
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(url, {
        method: 'POST',
        headers: { ...signed.headers, 'content-length': '1000' },
      });
      request.on('response', (response) => resolve(response.statusCode ?? 0));
      request.on('error', reject);
      request.write('{"results":');
    });
    expect(status).toBe(408);
  });

  it('calls next() outside the mount path, leaving other routes and their parsers alone', async () => {
    const { base } = await start((app) => {
      app.use('/other', express.json());
    });
    const response = await fetch(`${base}/other`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(await response.json()).toEqual({ other: true, parsed: { a: 1 } });
  });

  it('fails loudly, with the fix, when a body parser ran first without keeping the raw bytes', async () => {
    const { base, events } = await start((app) => {
      app.use(express.json());
    });
    const response = await send(base, await signedInfobip(body));
    expect(response.status).toBe(500);
    expect(JSON.parse(response.body)).toEqual({
      error: 'raw_body_unavailable',
      message: expect.stringMatching(/express\.json\(\{ verify/),
    });
    expect(events).toEqual([]);
  });

  it('uses the raw bytes an app kept with express.json({ verify }) or express.raw()', async () => {
    for (const parser of [
      express.json({
        verify: (req, _res, buffer) => {
          (req as { rawBody?: Buffer }).rawBody = buffer;
        },
      }),
      express.raw({ type: '*/*' }),
    ]) {
      const { base, events } = await start((app) => {
        app.use(parser);
      });
      expect((await send(base, await signedInfobip(body))).status).toBe(200);
      expect(events).toHaveLength(1);
      await server?.close();
    }
  });

  it('shares one core between middleware instances', async () => {
    const first = rcsWebhooks({ providers: { infobip: { basic: INFOBIP_BASIC } } });
    const second = rcsWebhooks(first.core);
    expect(second.core).toBe(first.core);
  });
});
