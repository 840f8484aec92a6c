import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RcsWebhooks } from '../src/core/create.js';
import type { RcsWebhooksOptions } from '../src/core/options.js';
import { type NodeNext, nodeListener } from './node/listener.js';
import { bindSubscriptions, type CoreOrOptions, coreOf, type RcsMiddlewareApi } from './subscriptions.js';

const PARSED_BODY_HINT =
  'a body parser (express.json(), express.urlencoded() or similar) consumed the request before rcsWebhooks() ' +
  'and did not keep the raw bytes, so signatures cannot be verified. Mount app.use(rcsWebhooks(...)) before the ' +
  'body parsers, or keep the raw body: express.json({ verify: (req, _res, buf) => { req.rawBody = buf } }).';

type ExpressRequest = IncomingMessage & { originalUrl?: string; body?: unknown; rawBody?: unknown };

export type RcsExpressMiddleware = ((req: ExpressRequest, res: ServerResponse, next: NodeNext) => void) &
  RcsMiddlewareApi;

/**
 * Express 4 and 5 middleware: handles `POST <path>/:provider` (default `/webhooks/rcs`) and calls
 * `next()` for everything else. `path` is relative to where Express mounted the middleware
 * (`app.use('/api', hooks)`, a router): `/api/webhooks/rcs/:provider`. Carries the core's on* API:
 * `hooks.onDelivery(...)`.
 */
export function rcsWebhooks(input: CoreOrOptions = {}): RcsExpressMiddleware {
  const core = coreOf(input);
  // Routes on req.url (relative to app.use('/api', ...) and routers); signatures cover req.originalUrl.
  const listener = nodeListener<ExpressRequest>(core, PARSED_BODY_HINT);
  const middleware = (req: ExpressRequest, res: ServerResponse, next: NodeNext) => listener(req, res, next);
  return Object.assign(middleware, bindSubscriptions(core));
}

export type { RcsWebhooks, RcsWebhooksOptions };
