import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRcsWebhooks, isRcsWebhooks, type RcsWebhooks } from '../src/core/create.js';
import type { RcsWebhooksOptions } from '../src/core/options.js';
import { nodeBodyReader } from './node/raw-body-source.js';
import { writeNodeResponse } from './node/respond.js';
import { bindSubscriptions, type RcsMiddlewareApi } from './subscriptions.js';

const PARSED_BODY_HINT =
  'a body parser (express.json(), express.urlencoded() or similar) consumed the request before rcsWebhooks() ' +
  'and did not keep the raw bytes, so signatures cannot be verified. Mount app.use(rcsWebhooks(...)) before the ' +
  'body parsers, or keep the raw body: express.json({ verify: (req, _res, buf) => { req.rawBody = buf } }).';

type ExpressRequest = IncomingMessage & { originalUrl?: string; body?: unknown; rawBody?: unknown };
type Next = (error?: unknown) => void;

export type RcsExpressMiddleware = ((req: ExpressRequest, res: ServerResponse, next: Next) => void) &
  RcsMiddlewareApi;

/**
 * Express 4 and 5 middleware: handles `POST <path>/:provider` (default `/webhooks/rcs`) and calls
 * `next()` for everything else. Carries the core's on* API: `hooks.onDelivery(...)`.
 */
export function rcsWebhooks(input: RcsWebhooksOptions | RcsWebhooks = {}): RcsExpressMiddleware {
  const core = isRcsWebhooks(input) ? input : createRcsWebhooks(input);
  const middleware = (req: ExpressRequest, res: ServerResponse, next: Next): void => {
    core
      .handleStreaming({
        method: req.method ?? 'GET',
        url: req.originalUrl ?? req.url ?? '/',
        headers: req.headers,
        ...(req.socket?.remoteAddress === undefined ? {} : { remoteAddress: req.socket.remoteAddress }),
        readBody: nodeBodyReader(req, PARSED_BODY_HINT),
      })
      .then((response) => (response === undefined ? next() : writeNodeResponse(res, response)), next);
  };
  return Object.assign(middleware, bindSubscriptions(core));
}

export type { RcsWebhooks, RcsWebhooksOptions };
