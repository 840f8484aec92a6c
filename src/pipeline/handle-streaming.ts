import { RcsWebhookError } from '../errors/index.js';
import { announcesBody } from '../http/announced-body.js';
import { RequestHeaders } from '../http/headers.js';
import { errorResponse } from '../http/responses.js';
import type { HeaderInput, WebhookRequest, WebhookResponse } from '../http/types.js';
import { RequestTrace } from '../log/request-trace.js';
import { handleRequest } from './handle.js';
import { type Preflight, preflight } from './preflight.js';
import type { PipelineState } from './state.js';

const EMPTY = new Uint8Array(0);

export interface StreamingRequest {
  method: string;
  url: string;
  /** As in `WebhookRequest`: the URL the client sent, when `url` is relative to a mount point. */
  originalUrl?: string;
  headers: HeaderInput;
  remoteAddress?: string;
  /** Reads the raw body, enforcing `limit` bytes and `timeoutMs`; throws `RcsWebhookError`s. */
  readBody(limit: number, timeoutMs: number): Promise<Uint8Array>;
  /**
   * Called instead of `readBody` when the request is refused before its body is read (404, 405) and
   * the body is still coming: read and drop at most `limit` bytes of it, then close the connection.
   * The answer carries `Connection: close` as well.
   */
  discardBody?(limit: number): void;
}

/**
 * What every adapter calls: decides from the method and URL first, reads the body only for a
 * provider route, then runs the pipeline. `undefined` means the path is outside the mount
 * (Node frameworks call `next()`; Web handlers answer 404).
 */
export async function handleStreaming(
  state: PipelineState,
  request: StreamingRequest,
): Promise<WebhookResponse | undefined> {
  const route = preflight(state, request.method, request.url);
  if (route.kind === 'outside') return undefined;
  // After close(), the body is not read either: the answer is 503.
  if (route.kind === 'reject' || state.lifecycle.closed) return refuse(state, request, route);
  let body: Uint8Array;
  try {
    body = await request.readBody(state.maxBodyBytes, state.readTimeoutMs);
  } catch (error) {
    const known =
      error instanceof RcsWebhookError
        ? error
        : new RcsWebhookError('malformed_body', 'the request body could not be read', { cause: error });
    await state.emitter.reportError(known);
    const response = errorResponse(known);
    if (state.log.debugging) {
      const trace = new RequestTrace();
      trace.provider = route.name;
      trace.error = known;
      state.log.request(trace, response.status);
    }
    return response;
  }
  // Built whole: a spread into a literal takes V8's slow property-definition path (per request).
  const init: WebhookRequest = { method: request.method, url: request.url, headers: request.headers, body };
  if (request.remoteAddress !== undefined) init.remoteAddress = request.remoteAddress;
  if (request.originalUrl !== undefined) init.originalUrl = request.originalUrl;
  return handleRequest(state, init, route);
}

/**
 * A refusal from the method and URL alone, or after `close()`: the body is never read, and never
 * drained to its end.
 */
async function refuse(
  state: PipelineState,
  request: StreamingRequest,
  route: Exclude<Preflight, { kind: 'outside' }>,
): Promise<WebhookResponse> {
  const init: WebhookRequest = {
    method: request.method,
    url: request.url,
    headers: request.headers,
    body: EMPTY,
  };
  const response = await handleRequest(state, init, route);
  if (announcesBody(RequestHeaders.from(request.headers))) {
    response.headers.connection = 'close';
    request.discardBody?.(state.maxBodyBytes);
  }
  return response;
}
