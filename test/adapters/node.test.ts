import { createServer, IncomingMessage, type ServerResponse } from 'node:http';
import getRawBody from 'raw-body';
import { createNodeHandler } from 'rcs-webhooks/node';
import { afterEach, describe, expect, it } from 'vitest';
import { loadFixture } from '../helpers/fixtures.js';
import { listen, type RunningServer, send } from '../helpers/http.js';
import { INFOBIP_BASIC, signedInfobip } from '../helpers/infobip.js';

const body = loadFixture('infobip', 'notes-delivery-report-full');

describe('createNodeHandler (node:http)', () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const handler = () => createNodeHandler({ providers: { infobip: { basic: INFOBIP_BASIC } } });

  it('is a request listener: answers webhooks, 404 elsewhere, and carries the core API', async () => {
    const listener = handler();
    const kinds: string[] = [];
    listener.onDelivery((event) => {
      kinds.push(event.kind);
    });
    server = await listen(createServer(listener));
    expect(await send(server.base, await signedInfobip(body))).toEqual({ status: 200, body: '{"ok":true}' });
    const outside = await fetch(`${server.base}/health`);
    expect([outside.status, await outside.json()]).toEqual([404, { error: 'not_found' }]);
    expect(kinds).toEqual(['delivery']);
  });

  it('calls next() outside the mount when given one (Connect-style servers)', async () => {
    const listener = handler();
    server = await listen(
      createServer((req, res) => {
        listener(req, res, () => {
          res.end('next');
        });
      }),
    );
    expect(await (await fetch(`${server.base}/health`)).text()).toBe('next');
  });

  it('uses req.rawBody when the app kept it, and fails with the fix when the stream was consumed', async () => {
    const listener = handler();
    let keep = true;
    server = await listen(
      createServer(async (req: IncomingMessage & { rawBody?: Buffer }, res: ServerResponse) => {
        const raw = await getRawBody(req);
        if (keep) req.rawBody = raw;
        listener(req, res);
      }),
    );
    const signed = await signedInfobip(body);
    expect((await send(server.base, signed)).status).toBe(200);
    keep = false;
    const response = await send(
      server.base,
      await signedInfobip(loadFixture('infobip', 'notes-seen-report')),
    );
    expect(response.status).toBe(500);
    expect(JSON.parse(response.body)).toMatchObject({ error: 'raw_body_unavailable' });
  });

  it('takes `headers` when a serverless shim built the request without rawHeaders', async () => {
    const listener = handler();
    server = await listen(
      createServer(async (req: IncomingMessage, res: ServerResponse) => {
        // What serverless-http and similar shims do: a fresh IncomingMessage with fields assigned.
        const shim = new IncomingMessage(req.socket);
        Object.assign(shim, {
          method: req.method,
          url: req.url,
          headers: req.headers,
          body: await getRawBody(req),
        });
        listener(shim, res);
      }),
    );
    const signed = await signedInfobip(body);
    expect(await send(server.base, signed)).toEqual({ status: 200, body: '{"ok":true}' });
    const forged = { ...signed, headers: { ...signed.headers, authorization: 'Basic d3Jvbmc6d3Jvbmc=' } };
    expect((await send(server.base, forged)).status).toBe(401);
  });
});
