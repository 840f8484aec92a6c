import type { IncomingMessage } from 'node:http';
import type { RcsWebhooks } from '../src/core/create.js';
import type { RcsWebhooksOptions } from '../src/core/options.js';
import { belowRouterPrefix } from './koa/router-prefix.js';
import { nodeStreamingRequest } from './node/streaming-request.js';
import { bindSubscriptions, type CoreOrOptions, coreOf, type RcsMiddlewareApi } from './subscriptions.js';

const PARSED_BODY_HINT =
  'a body parser consumed the request before the rcs-webhooks Koa middleware and did not keep the raw bytes, ' +
  'so signatures cannot be verified. Mount app.use(rcsWebhooks(...)) before the body parser, or use one that ' +
  'keeps them on ctx.request.rawBody (@koa/bodyparser does).';

/** The part of a Koa 2 / Koa 3 context the middleware uses (structural: no dependency on Koa's types). */
export interface KoaContextLike {
  req: IncomingMessage;
  /** Relative to the mount point under koa-mount. */
  url: string;
  /** The URL the client sent: URL-signing providers signed it. */
  originalUrl: string;
  /** The matched route's pattern, prefixes included (@koa/router). */
  routerPath?: unknown;
  /** Where body parsers leave what they read: `rawBody` (@koa/bodyparser) is used when present. */
  request: { body?: unknown; rawBody?: unknown };
  status: number;
  body: unknown;
  set(fields: Record<string, string>): void;
}

export type RcsKoaMiddleware = ((ctx: KoaContextLike, next: () => Promise<unknown>) => Promise<void>) &
  RcsMiddlewareApi;

/**
 * Koa 2 and 3 middleware: `app.use(rcsWebhooks(options))`. Handles `<path>/:provider` (default
 * `/webhooks/rcs`) and calls `next()` for everything else; `path` is relative to a koa-mount mount
 * point or a @koa/router prefix. Reads the raw body itself, or uses `ctx.request.rawBody` when a
 * body parser mounted before it kept the raw text.
 */
export function rcsWebhooks(input: CoreOrOptions = {}): RcsKoaMiddleware {
  const core = coreOf(input);
  const middleware = async (ctx: KoaContextLike, next: () => Promise<unknown>): Promise<void> => {
    const url = belowRouterPrefix(ctx.url, ctx.routerPath, core.path);
    const request = nodeStreamingRequest(ctx.req, url, PARSED_BODY_HINT, ctx.request, ctx.originalUrl);
    const response = await core.handleStreaming(request);
    if (response === undefined) {
      await next();
      return;
    }
    ctx.status = response.status;
    ctx.set(response.headers); // content-type first: Koa keeps it when the body is set
    ctx.body = response.body;
  };
  return Object.assign(middleware, bindSubscriptions(core));
}

export type { RcsWebhooks, RcsWebhooksOptions };
