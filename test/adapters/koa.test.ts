import { createServer } from 'node:http';
import Koa3 from 'koa';
import Koa2 from 'koa2';
import { rcsWebhooks } from 'rcs-webhooks/koa';
import { afterEach, describe, expect, it } from 'vitest';
import { loadFixture } from '../helpers/fixtures.js';
import { listen, type RunningServer, send } from '../helpers/http.js';
import { INFOBIP_BASIC, signedInfobip } from '../helpers/infobip.js';
import { koaJsonParser } from './koa-body-parser.js';

const body = loadFixture('infobip', 'notes-delivery-report-full');

describe.each([
  ['Koa 3', Koa3],
  ['Koa 2', Koa2 as unknown as typeof Koa3],
])('%s', (_name, Koa) => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function start(setup: (app: Koa3) => void = () => {}) {
    const app = new Koa();
    const hooks = rcsWebhooks({ providers: { infobip: { basic: INFOBIP_BASIC } } });
    const kinds: string[] = [];
    hooks.onAny((event) => {
      kinds.push(event.kind);
    });
    setup(app);
    app.use(hooks);
    server = await listen(createServer(app.callback()));
    return { hooks, kinds, base: server.base };
  }

  it('uses ctx.request.rawBody when a body parser mounted before it kept it (as @koa/bodyparser does)', async () => {
    const { base, kinds } = await start((app) => {
      app.use(koaJsonParser());
    });
    expect(await send(base, await signedInfobip(body))).toEqual({ status: 200, body: '{"ok":true}' });
    expect(kinds).toEqual(['delivery']);
  });

  it('fails loudly, with the fix, when a body parser consumed the body without keeping it', async () => {
    const { base, kinds } = await start((app) => {
      app.use(koaJsonParser({ keepRaw: false }));
    });
    const response = await send(base, await signedInfobip(body));
    expect(response.status).toBe(500);
    expect(JSON.parse(response.body)).toEqual({
      error: 'raw_body_unavailable',
      message: expect.stringContaining('ctx.request.rawBody'),
    });
    expect(kinds).toEqual([]);
  });

  it('sets ctx.status and ctx.body, so upstream middleware sees the answer', async () => {
    const seen: [number, unknown][] = [];
    const { base } = await start((app) => {
      app.use(async (ctx, next) => {
        await next();
        seen.push([ctx.status, ctx.body]);
      });
    });
    await send(base, await signedInfobip(body));
    expect(seen).toEqual([[200, '{"ok":true}']]);
  });

  it('carries the core API and mounts under a prefix given as the core path', async () => {
    const app = new Koa();
    const hooks = rcsWebhooks({ providers: { infobip: { basic: INFOBIP_BASIC } }, path: '/api/rcs' });
    app.use(hooks);
    server = await listen(createServer(app.callback()));
    expect(hooks.path).toBe('/api/rcs');
    expect(typeof hooks.onDelivery).toBe('function');
    const signed = await signedInfobip(body, 'http://127.0.0.1/api/rcs/infobip');
    expect((await send(server.base, signed)).status).toBe(200);
    expect(rcsWebhooks(hooks.core).core).toBe(hooks.core);
  });
});
