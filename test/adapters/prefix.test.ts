import { createServer } from 'node:http';
import Router from '@koa/router';
import express5 from 'express';
import express4 from 'express4';
import Fastify, { type FastifyInstance } from 'fastify';
import Koa3 from 'koa';
import mount from 'koa-mount';
import Koa2 from 'koa2';
import { createRcsWebhooks } from 'rcs-webhooks';
import { rcsWebhooks as expressWebhooks } from 'rcs-webhooks/express';
import { rcsWebhooks as fastifyWebhooks } from 'rcs-webhooks/fastify';
import { rcsWebhooks as koaWebhooks } from 'rcs-webhooks/koa';
import { afterEach, describe, it } from 'vitest';
import { listen, type RunningServer } from '../helpers/http.js';
import { expectMounted, type Observed, providers } from './prefix-requests.js';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

type ExpressApp = ReturnType<typeof express5>;
type ExpressHooks = ReturnType<typeof expressWebhooks>;

// [how it is mounted, where the webhooks are seen from outside, the core's path (relative), mount]
const expressMounts: [string, string, string, (app: ExpressApp, hooks: ExpressHooks) => void][] = [
  ['app.use(hooks)', '/webhooks/rcs', '/webhooks/rcs', (app, hooks) => app.use(hooks)],
  ["app.use('/api', hooks)", '/api/webhooks/rcs', '/webhooks/rcs', (app, hooks) => app.use('/api', hooks)],
  [
    "router.use(hooks); app.use('/api', router)",
    '/api/webhooks/rcs',
    '/webhooks/rcs',
    (app, hooks) => {
      const router = express5.Router();
      router.use(hooks);
      app.use('/api', router);
    },
  ],
  [
    "nested routers under '/api' and '/v1'",
    '/api/v1/webhooks/rcs',
    '/webhooks/rcs',
    (app, hooks) => {
      const outer = express5.Router();
      const inner = express5.Router();
      inner.use(hooks);
      outer.use('/v1', inner);
      app.use('/api', outer);
    },
  ],
  [
    "path: '/rcs' under app.use('/api', router): relative to the mount",
    '/api/rcs',
    '/rcs',
    (app, hooks) => {
      const router = express5.Router();
      router.use(hooks);
      app.use('/api', router);
    },
  ],
];

describe.each([
  ['Express 5', express5],
  ['Express 4', express4 as unknown as typeof express5],
])('%s', (_name, express) => {
  it.each(expressMounts)('%s', async (_mount, webhooks, relative, use) => {
    const app = express();
    const hooks = expressWebhooks({ providers, path: relative });
    use(app, hooks);
    server = await listen(createServer(app));
    await expectMounted(server.base, webhooks, relative, hooks);
  });
});

type KoaApp = Koa3;
type KoaHooks = ReturnType<typeof koaWebhooks>;

/** @koa/router runs middleware for matched routes only: the webhooks get a route of their own. */
function koaRouter(prefix: string, hooks: KoaHooks): Router {
  const router = new Router({ prefix });
  router.all(`${hooks.path}/{*rest}`, hooks);
  return router;
}

const koaMounts: [string, string, string, (app: KoaApp, hooks: KoaHooks) => void][] = [
  ['app.use(hooks)', '/webhooks/rcs', '/webhooks/rcs', (app, hooks) => app.use(hooks)],
  [
    "mount('/api', hooks)",
    '/api/webhooks/rcs',
    '/webhooks/rcs',
    (app, hooks) => app.use(mount('/api', hooks)),
  ],
  [
    "@koa/router with prefix '/api'",
    '/api/webhooks/rcs',
    '/webhooks/rcs',
    (app, hooks) => app.use(koaRouter('/api', hooks).routes()),
  ],
  [
    "@koa/router with prefix '/tenants/:tenant', nested under '/api'",
    '/api/tenants/acme/webhooks/rcs',
    '/webhooks/rcs',
    (app, hooks) => {
      const parent = new Router({ prefix: '/api' });
      parent.use(koaRouter('/tenants/:tenant', hooks).routes());
      app.use(parent.routes());
    },
  ],
  [
    "path: '/rcs' under mount('/api', ...): relative to the mount",
    '/api/rcs',
    '/rcs',
    (app, hooks) => app.use(mount('/api', hooks)),
  ],
];

describe.each([
  ['Koa 3', Koa3],
  ['Koa 2', Koa2 as unknown as typeof Koa3],
])('%s', (_name, Koa) => {
  it.each(koaMounts)('%s', async (_mount, webhooks, relative, use) => {
    const app = new Koa();
    const hooks = koaWebhooks({ providers, path: relative });
    use(app, hooks);
    server = await listen(createServer(app.callback()));
    await expectMounted(server.base, webhooks, relative, hooks);
  });
});

describe('Fastify 5', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  // The plugin decorates the instance it is registered on: the tests read the core from there.
  const fastifyMounts: [string, string, string, (root: FastifyInstance) => Promise<Observed>][] = [
    [
      'register(plugin)',
      '/webhooks/rcs',
      '/webhooks/rcs',
      async (root) => {
        await root.register(fastifyWebhooks, { providers });
        return root.rcsWebhooks;
      },
    ],
    [
      "register(plugin, { prefix: '/api' })",
      '/api/webhooks/rcs',
      '/webhooks/rcs',
      async (root) => {
        await root.register(fastifyWebhooks, { providers, prefix: '/api' });
        return root.rcsWebhooks;
      },
    ],
    [
      "{ webhooks: core } with prefix '/:tenant' in a plugin registered with { prefix: '/api' }",
      '/api/acme/webhooks/rcs',
      '/webhooks/rcs',
      async (root) => {
        const core = createRcsWebhooks({ providers });
        await root.register(
          async (api) => api.register(fastifyWebhooks, { webhooks: core, prefix: '/:tenant' }),
          {
            prefix: '/api',
          },
        );
        return core;
      },
    ],
    [
      "path: '/rcs' in a plugin registered with { prefix: '/api' }: relative to the prefix",
      '/api/rcs',
      '/rcs',
      async (root) => {
        let core: Observed | undefined;
        await root.register(
          async (api) => {
            await api.register(fastifyWebhooks, { providers, path: '/rcs' });
            core = api.rcsWebhooks;
          },
          { prefix: '/api' },
        );
        if (core === undefined) throw new Error('the plugin did not decorate its instance');
        return core;
      },
    ],
  ];

  it.each(fastifyMounts)('%s', async (_mount, webhooks, relative, use) => {
    app = Fastify();
    const observed = await use(app);
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    await expectMounted(base, webhooks, relative, observed);
  });
});
