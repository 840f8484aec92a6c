import Fastify, { type FastifyInstance } from 'fastify';
import { ConfigurationError, createRcsWebhooks, RequestRejectedError } from 'rcs-webhooks';
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
          expect(v1.rcsWebhooks.path).toBe('/webhooks/rcs'); // relative to the prefixes
        },
        { prefix: '/v1' },
      );
    });
    expect(await post(base, '/v1/api/webhooks/rcs')).toEqual({ status: 200, body: '{"ok":true}' });
    expect((await post(base, '/webhooks/rcs')).status).toBe(404);
    expect(kinds).toEqual(['delivery']);
  });

  it('accepts { webhooks: core }, whose path is relative to the prefix as the options path is', async () => {
    const core = createRcsWebhooks({ providers, path: '/rcs' });
    const base = await listen(async (instance) => {
      await instance.register(rcsWebhooks, { webhooks: core, prefix: '/api' });
      expect(instance.rcsWebhooks).toBe(core);
    });
    expect((await post(base, '/api/rcs')).status).toBe(200);
    expect((await post(base, '/rcs')).status).toBe(404);
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
  it('app.rcsWebhooks read before `await app.register(...)` is a clear ConfigurationError, then the core', async () => {
    app = Fastify();
    const instance = app;
    void instance.register(rcsWebhooks, { providers });
    // Fastify loads plugins later: the core does not exist yet, and the error says what to do.
    expect(() => instance.rcsWebhooks.onInbound(() => undefined)).toThrow(ConfigurationError);
    expect(() => instance.rcsWebhooks).toThrow(/await app\.register\(rcsWebhooks, options\)/);
    await instance.after();
    const kinds: string[] = [];
    instance.rcsWebhooks.onAny((event) => {
      kinds.push(event.kind);
    });
    const base = await instance.listen({ host: '127.0.0.1', port: 0 });
    expect(await post(base, '/webhooks/rcs')).toEqual({ status: 200, body: '{"ok":true}' });
    expect(kinds).toEqual(['delivery']);
  });

  it('a core created first takes subscriptions before registration', async () => {
    const core = createRcsWebhooks({ providers });
    const kinds: string[] = [];
    core.onAny((event) => {
      kinds.push(event.kind);
    });
    app = Fastify();
    void app.register(rcsWebhooks, { webhooks: core });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    expect(app.rcsWebhooks).toBe(core);
    expect((await post(base, '/webhooks/rcs')).status).toBe(200);
    expect(kinds).toEqual(['delivery']);
  });

  it('registering the plugin twice on one instance is refused', async () => {
    app = Fastify();
    await app.register(rcsWebhooks, { providers });
    await expect(app.register(rcsWebhooks, { providers, path: '/other' })).rejects.toThrow(
      /already registered/,
    );
  });

  it('404, 405 and 413 reach onError as RequestRejectedError; the 413 names the limit and the option', async () => {
    const errors: unknown[] = [];
    const base = await listen(async (instance) => {
      await instance.register(rcsWebhooks, { providers, maxBodyBytes: 64 });
      instance.rcsWebhooks.onError((error) => {
        errors.push(error);
      });
    });
    expect((await fetch(`${base}/webhooks/rcs/nope`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await fetch(`${base}/webhooks/rcs/bird`, { method: 'GET' })).status).toBe(405);
    const large = await fetch(`${base}/webhooks/rcs/bird`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ padding: 'x'.repeat(200) }),
    });
    expect(large.status).toBe(413);
    expect(errors.map((error) => (error as RequestRejectedError).code)).toEqual([
      'unknown_provider',
      'method_not_allowed',
      'body_too_large',
    ]);
    for (const error of errors) expect(error).toBeInstanceOf(RequestRejectedError);
    expect((errors[2] as Error).message).toContain('body over 64 bytes (the maxBodyBytes option)');
  });
});
