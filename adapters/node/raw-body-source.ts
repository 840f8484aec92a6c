import type { IncomingMessage } from 'node:http';
import { RawBodyUnavailableError } from '../../src/errors/index.js';
import { readNodeBody } from './read-body.js';

/** What body parsers leave behind: `req.body` / `req.rawBody` (Express), `ctx.request.*` (Koa). */
export interface KeptBody {
  body?: unknown;
  rawBody?: unknown;
}

/**
 * The raw bytes of a Node request, wherever they are: kept by the app (`rawBody`, or a Buffer `body`
 * from a raw parser), or still in the stream. When a parser consumed the stream and kept nothing,
 * fail with `hint` (how to fix it in that framework) instead of waiting forever.
 */
export function nodeBodyReader(
  request: IncomingMessage & KeptBody,
  hint: string,
  kept: KeptBody = request,
  /** The declared Content-Length. */
  length?: string,
) {
  return async (limit: number, timeoutMs: number): Promise<Uint8Array> => {
    if (kept.rawBody instanceof Uint8Array) return kept.rawBody;
    if (typeof kept.rawBody === 'string') return Buffer.from(kept.rawBody, 'utf8');
    if (kept.body instanceof Uint8Array) return kept.body;
    if (request.readableEnded || (request as { _body?: unknown })._body === true) {
      throw new RawBodyUnavailableError('raw_body_unavailable', hint);
    }
    return readNodeBody(request, limit, timeoutMs, length);
  };
}
