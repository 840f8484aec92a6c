import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RcsWebhooks } from '../src/core/create.js';
import type { RcsWebhooksOptions } from '../src/core/options.js';
import { readWebBody, toWebResponse } from '../src/http/fetch.js';
import { notFoundResponse } from '../src/http/responses.js';
import { acknowledgeEarly, type WaitUntil } from './next/acknowledge-early.js';
import { handleNodeRequest } from './node/listener.js';
import { answerNotFound } from './node/not-found.js';
import { type CoreOrOptions, coreOf } from './subscriptions.js';

/**
 * Options or a core (created/used at once), or a function returning the core, called on the first
 * request: for credentials only present at run time (`next build` evaluates route modules).
 */
export type CoreSource = CoreOrOptions | (() => RcsWebhooks);

export interface RcsRouteHandlerOptions {
  /**
   * Answer 200 once the request is verified and its first event claimed, and run the handlers after
   * the response, kept alive by `waitUntil` (Next's `after` from 'next/server', Vercel's `waitUntil`).
   * A handler failure then cannot ask the provider to retry: it reaches `onError`, and under
   * handlerErrors 'retry' the event's claim is released, so a redelivery runs it again.
   */
  waitUntil?: WaitUntil;
}

export type RouteHandler = (request: Request) => Promise<Response>;

/**
 * App Router route handlers for `app/webhooks/rcs/[provider]/route.ts`:
 * `export const { POST } = rcsRouteHandlers(rcs)` (also export GET for a provider that needs it).
 */
export function rcsRouteHandlers(
  input: CoreSource,
  options: RcsRouteHandlerOptions = {},
): { POST: RouteHandler; GET: RouteHandler } {
  const core = lazyCore(input);
  const handle = (request: Request) => routeRequest(core(), request);
  const handler =
    options.waitUntil === undefined ? handle : acknowledgeEarly(core, handle, options.waitUntil);
  return { POST: handler, GET: handler };
}

/**
 * Next builds `request.url` from the address it listens on (`next start -H/-p`), not from the URL the
 * provider called, so the core gets the path and query and takes the host from the Host header (or
 * X-Forwarded-* with `trustProxy`), as with the Node adapters: URL signatures then verify.
 */
async function routeRequest(core: RcsWebhooks, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const response = await core.handleStreaming({
    method: request.method,
    url: `${url.pathname}${url.search}`,
    headers: request.headers,
    readBody: (limit, timeoutMs) => readWebBody(request, limit, timeoutMs),
  });
  return toWebResponse(response ?? notFoundResponse(request.body !== null));
}

const BODY_PARSER_HINT =
  'Next.js parsed the request body before rcs-webhooks could read the raw bytes, so signatures cannot be ' +
  'verified. Add `export const config = { api: { bodyParser: false } }` to this API route.';

/**
 * Pages Router API route `pages/api/webhooks/rcs/[provider].ts` (the core's `path` is then
 * `/api/webhooks/rcs`), which must also export `config = { api: { bodyParser: false } }`.
 */
export function rcsPagesHandler(
  input: CoreSource,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const core = lazyCore(input);
  return async (req, res) => {
    if (!(await handleNodeRequest(core(), req, res, req.url ?? '/', BODY_PARSER_HINT))) {
      answerNotFound(req, res);
    }
  };
}

function lazyCore(input: CoreSource): () => RcsWebhooks {
  if (typeof input !== 'function') {
    const core = coreOf(input);
    return () => core;
  }
  let core: RcsWebhooks | undefined;
  return () => {
    core ??= input();
    return core;
  };
}

export type { RcsWebhooks, RcsWebhooksOptions, WaitUntil };
