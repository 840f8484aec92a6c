import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RcsWebhooks } from '../src/core/create.js';
import type { RcsWebhooksOptions } from '../src/core/options.js';
import { type NodeNext, nodeListener } from './node/listener.js';
import { bindSubscriptions, type CoreOrOptions, coreOf, type RcsMiddlewareApi } from './subscriptions.js';

const CONSUMED_HINT =
  'the request stream was read before the rcs-webhooks handler ran, so signatures cannot be verified. ' +
  'Call the handler before anything reads the body, or keep the exact bytes on req.rawBody (a Buffer).';

export type RcsNodeHandler = ((req: IncomingMessage, res: ServerResponse, next?: NodeNext) => void) &
  RcsMiddlewareApi;

/**
 * A `node:http` request listener for servers without a framework:
 * `http.createServer(createNodeHandler(options))`. Handles `<path>/:provider` (default
 * `/webhooks/rcs`); any other path calls `next()` when given (Connect-style servers), else answers 404.
 */
export function createNodeHandler(input: CoreOrOptions = {}): RcsNodeHandler {
  const core = coreOf(input);
  const listener = nodeListener(core, CONSUMED_HINT);
  const handler = (req: IncomingMessage, res: ServerResponse, next?: NodeNext) => listener(req, res, next);
  return Object.assign(handler, bindSubscriptions(core));
}

export type { RcsWebhooks, RcsWebhooksOptions };
