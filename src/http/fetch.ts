import {
  ClientAbortedError,
  RawBodyUnavailableError,
  RcsWebhookError,
  RequestRejectedError,
} from '../errors/index.js';
import { handleStreaming } from '../pipeline/handle-streaming.js';
import type { PipelineState } from '../pipeline/state.js';
import { bodyTooLarge } from './body-too-large.js';
import { notFoundResponse } from './responses.js';
import type { WebhookResponse } from './types.js';

export interface FetchOptions {
  /** The peer's address (Bun `server.requestIP(req)`, Deno `info.remoteAddr`), for IP allowlists. */
  remoteAddress?: string;
}

/** Web-standard entry point: `Request` → `Response` (Hono, Bun, Deno, Cloudflare Workers, Next.js). */
export async function handleFetch(
  state: PipelineState,
  request: Request,
  options: FetchOptions = {},
): Promise<Response> {
  const response =
    (await handleStreaming(state, {
      method: request.method,
      url: request.url,
      headers: request.headers,
      ...(options.remoteAddress === undefined ? {} : { remoteAddress: options.remoteAddress }),
      readBody: (limit, timeoutMs) => readWebBody(request, limit, timeoutMs),
    })) ?? notFoundResponse(request.body !== null);
  return toWebResponse(response);
}

export function toWebResponse(response: WebhookResponse): Response {
  return new Response(response.body, { status: response.status, headers: response.headers });
}

/** Reads a `Request` body up to `limit` bytes, cancelling the stream as soon as it is over the limit. */
export async function readWebBody(request: Request, limit: number, timeoutMs: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > limit) throw bodyTooLarge(limit);
  if (request.bodyUsed) {
    throw new RawBodyUnavailableError(
      'raw_body_unavailable',
      'the Request body was already read before rcs.fetch(); pass the untouched Request (or request.clone()).',
    );
  }
  if (request.body === null) return new Uint8Array(0);

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, rejectTimeout) => {
    timer = setTimeout(
      () =>
        rejectTimeout(new RequestRejectedError('read_timeout', `body not received within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), timeout]);
      if (done) break;
      total += value.byteLength;
      if (total > limit) throw bodyTooLarge(limit);
      chunks.push(value);
    }
  } catch (error) {
    reader.cancel().catch(() => undefined);
    // The body stream itself failed: the connection broke off before the body was complete.
    throw error instanceof RcsWebhookError ? error : new ClientAbortedError({ cause: error });
  } finally {
    clearTimeout(timer);
  }
  return concat(chunks, total);
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
