import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { createRcsWebhooks, type RcsWebhooks } from '../src/core/create.js';
import type { RcsWebhooksOptions } from '../src/core/options.js';
import { normalizeMountPath } from '../src/pipeline/route.js';
import { decorate } from './fastify/decorate.js';
import { belowPrefix, prefixDepth } from './node/below-prefix.js';
import { discardNodeBody } from './node/discard-body.js';
import { readNodeBody } from './node/read-body.js';
import { nodeRequestHeaders } from './node/streaming-request.js';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * The rcs-webhooks core registered by the plugin: `app.rcsWebhooks.onDelivery(...)`, once
     * `await app.register(rcsWebhooks, …)` has resolved. Read before that, it throws a
     * ConfigurationError that says so (never `undefined`).
     */
    rcsWebhooks: RcsWebhooks;
  }
}

/** The core's options (the plugin creates the core) or `{ webhooks: core }`; plus Fastify's `prefix`. */
export type RcsFastifyOptions = RcsWebhooksOptions | { webhooks: RcsWebhooks };

/**
 * Fastify 5 plugin: `await app.register(rcsWebhooks, options)`. Webhooks arrive at
 * `<prefix><path>/:provider` (default `/webhooks/rcs`), `path` relative to every prefix (parameters
 * such as `/:tenant` included); the instance is decorated with
 * `app.rcsWebhooks`, the core. The raw body is kept in the plugin's own encapsulated scope, so the
 * app's other routes keep Fastify's usual parsing.
 */
const plugin: FastifyPluginAsync<RcsFastifyOptions> = async (app, options) => {
  const {
    prefix = '',
    logLevel: _l,
    logSerializers: _s,
    ...rest
  } = options as RcsFastifyOptions & Record<'prefix' | 'logLevel' | 'logSerializers', unknown>;
  const core = 'webhooks' in rest ? rest.webhooks : createRcsWebhooks(rest);
  decorate(app, core);
  // The core's path is relative to every prefix (the parents' and the plugin's own), as under
  // Express's app.use('/api', ...): the core routes below them and verifies the full URL.
  const own = normalizeMountPath(String(prefix));
  const depth = prefixDepth(`${app.prefix}${own}`);
  await app.register(async (scope: FastifyInstance) => {
    // Only in this scope: no JSON parsing, the payload stream is handed to the handler untouched.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    const route = `${own}${core.path}` || '/';
    const handler = (request: FastifyRequest, reply: FastifyReply) => handle(core, request, reply, depth);
    scope.all(route, handler);
    scope.all(`${route === '/' ? '' : route}/*`, handler);
  });
};

async function handle(
  core: RcsWebhooks,
  request: FastifyRequest,
  reply: FastifyReply,
  depth: number,
): Promise<FastifyReply> {
  const stream = request.body as Readable | undefined;
  const remoteAddress = request.raw.socket?.remoteAddress;
  const url = belowPrefix(request.url, depth);
  const response = await core.handleStreaming({
    method: request.method,
    url,
    ...(url === request.url ? {} : { originalUrl: request.url }),
    headers: nodeRequestHeaders(request.raw),
    ...(remoteAddress === undefined ? {} : { remoteAddress }),
    readBody: async (limit, timeoutMs) => {
      if (stream === undefined) return new Uint8Array(0);
      // The declared length holds only for the socket stream (a preParsing hook may transform it).
      const length = stream === request.raw ? request.headers['content-length'] : undefined;
      return readNodeBody(stream, limit, timeoutMs, length);
    },
    discardBody: (limit) => discardNodeBody(request.raw, limit),
  });
  if (response === undefined) {
    reply.callNotFound();
    return reply;
  }
  return reply.code(response.status).headers(response.headers).send(response.body);
}

/** Registered without encapsulation (as fastify-plugin does) so `app.rcsWebhooks` is visible to the app. */
export const rcsWebhooks: FastifyPluginAsync<RcsFastifyOptions> = Object.assign(plugin, {
  [Symbol.for('skip-override')]: true,
  [Symbol.for('fastify.display-name')]: 'rcs-webhooks',
});

export type { RcsWebhooks, RcsWebhooksOptions };
