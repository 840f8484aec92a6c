import { createServer, type Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import express5 from 'express';
import express4 from 'express4';
import Fastify from 'fastify';
import { Hono } from 'hono';
import Koa3 from 'koa';
import Koa2 from 'koa2';
import { createRcsWebhooks, type RcsWebhooks } from 'rcs-webhooks';
import { rcsWebhooks as expressWebhooks } from 'rcs-webhooks/express';
import { rcsWebhooks as fastifyWebhooks } from 'rcs-webhooks/fastify';
import { rcsWebhooks as koaWebhooks } from 'rcs-webhooks/koa';
import { createNodeHandler } from 'rcs-webhooks/node';
import { listen } from '../../helpers/http.js';
import { koaJsonParser, parsedBody } from '../koa-body-parser.js';
import type { Harness, HarnessConfig, Target } from './harness.js';

/** A target whose app runs in this process: the suite's core, mounted by `serve`. */
function inProcess(
  name: string,
  outside: Target['outside'],
  serve: (core: RcsWebhooks) => Server | Promise<Omit<Harness, 'path' | 'reportedErrors'>>,
): Target {
  return {
    name,
    outside,
    async start({ providers, sink, proxy }: HarnessConfig) {
      const core = createRcsWebhooks({ providers, ...proxy });
      core.onAny(sink.handle);
      const errors: string[] = [];
      core.onError((error) => {
        errors.push(error.name);
      });
      const served = await serve(core);
      const running = 'listen' in served ? await listen(served) : served;
      return { ...running, path: core.path, reportedErrors: () => [...errors] };
    },
  };
}

function expressTarget(name: string, express: typeof express5): Target {
  return inProcess(name, 'app-route', (core) => {
    const app = express();
    app.use(expressWebhooks(core));
    app.use(express.json());
    app.post('/other', (req, res) => {
      res.json({ other: true, parsed: req.body ?? null });
    });
    return createServer(app);
  });
}

function koaTarget(name: string, KoaClass: typeof Koa3): Target {
  return inProcess(name, 'app-route', (core) => {
    const app = new KoaClass();
    app.use(koaWebhooks(core));
    app.use(koaJsonParser());
    app.use((ctx) => {
      if (ctx.method === 'POST' && ctx.path === '/other') ctx.body = { other: true, parsed: parsedBody(ctx) };
    });
    return createServer(app.callback());
  });
}

/** Every adapter that runs in the test process (the Next.js targets start a real Next server). */
export const inProcessTargets: Target[] = [
  expressTarget('Express 5', express5),
  expressTarget('Express 4', express4 as unknown as typeof express5),
  koaTarget('Koa 3', Koa3),
  koaTarget('Koa 2', Koa2 as unknown as typeof Koa3),
  inProcess('Fastify 5', 'app-route', async (core) => {
    const app = Fastify();
    await app.register(fastifyWebhooks, { webhooks: core });
    app.post('/other', async (request) => ({ other: true, parsed: request.body ?? null }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    return { base: `http://127.0.0.1:${port}`, close: () => app.close() };
  }),
  inProcess('node:http', 'not-found', (core) => createServer(createNodeHandler(core))),
  inProcess('Hono (@hono/node-server)', 'app-route', (core) => {
    const app = new Hono();
    app.all(`${core.path}/*`, (c) => core.fetch(c.req.raw));
    app.post('/other', async (c) => c.json({ other: true, parsed: await c.req.json() }));
    return createAdaptorServer({ fetch: app.fetch }) as Server;
  }),
  inProcess(
    'plain fetch (Request → Response)',
    'not-found',
    (core) => createAdaptorServer({ fetch: (request: Request) => core.fetch(request) }) as Server,
  ),
];
