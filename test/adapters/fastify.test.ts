import Fastify, { type FastifyInstance } from 'fastify';
import { createRcsWebhooks } from 'rcs-webhooks';
import { rcsWebhooks } from 'rcs-webhooks/fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { send } from '../helpers/http.js';
import { fixtureBody, sampleOf, sign } from './conformance/samples.js';

// Bird signs the URL it calls, so a 200 proves the core saw the full URL, prefix included.
const bird = sampleOf('bird');
const providers = { bird: bird.options };

describe('Fastify plugin', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function listen(setup: (instance: FastifyInstance) => Promise<void>) {
    app = Fastify();
    await setup(app);
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    return address;
  }

  async function post(base: string, path: string) {
    return send(base, await sign(bird, `${base}${path}/bird`, fixtureBody(bird, 0)));
  }

  it('honours prefix, nested prefixes included, and decorates the instance with the core', async () => {
    const kinds: string[] = [];
    const base = await listen(async (root) => {
      await root.register(
        async (v1) => {
          await v1.register(rcsWebhooks, { prefix: '/api', providers });
          v1.rcsWebhooks.onAny((event) => {
            kinds.push(event.kind);
          });
          expect(v1.rcsWebhooks.path).toBe('/v1/api/webhooks/rcs');
        },
        { prefix: '/v1' },
      );
    });
    expect(await post(base, '/v1/api/webhooks/rcs')).toEqual({ status: 200, body: '{"ok":true}' });
    expect((await post(base, '/webhooks/rcs')).status).toBe(404);
    expect(kinds).toEqual(['delivery']);
  });

  it('accepts { webhooks: core }, whose path must include the prefix', async () => {
    const core = createRcsWebhooks({ providers, path: '/api/webhooks/rcs' });
    const base = await listen(async (instance) => {
      await instance.register(rcsWebhooks, { webhooks: core, prefix: '/api' });
      expect(instance.rcsWebhooks).toBe(core);
    });
    expect((await post(base, '/api/webhooks/rcs')).status).toBe(200);

    const outside = Fastify();
    await expect(
      outside.register(rcsWebhooks, { webhooks: createRcsWebhooks({ providers }), prefix: '/api' }),
    ).rejects.toThrow(/path: '\/api\/webhooks\/rcs'/);
    await outside.close().catch(() => undefined);
  });

  it('keeps JSON parsing for the app routes registered after it, and reads no body for them', async () => {
    const base = await listen(async (instance) => {
      await instance.register(rcsWebhooks, { providers });
      instance.post('/echo', async (request) => ({ parsed: request.body }));
    });
    const response = await fetch(`${base}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(await response.json()).toEqual({ parsed: { a: 1 } });
  });
});
