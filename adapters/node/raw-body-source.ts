import type { IncomingMessage } from 'node:http';
import { RawBodyUnavailableError } from '../../src/errors/index.js';
import { readNodeBody } from './read-body.js';

/** What body parsers leave on a Node request. */
interface ParsedRequest extends IncomingMessage {
  body?: unknown;
  rawBody?: unknown;
}

/**
 * The raw bytes of a Node request, wherever they are: kept by the app (`req.rawBody`, or a Buffer
 * `req.body` from a raw parser), or still in the stream. When a parser consumed the stream and
 * kept nothing, fail with `hint` (how to fix it in that framework) instead of waiting forever.
 */
export function nodeBodyReader(request: ParsedRequest, hint: string) {
  return async (limit: number, timeoutMs: number): Promise<Uint8Array> => {
    if (request.rawBody instanceof Uint8Array) return request.rawBody;
    if (typeof request.rawBody === 'string') return Buffer.from(request.rawBody, 'utf8');
    if (request.body instanceof Uint8Array) return request.body;
    if (request.readableEnded || (request as { _body?: unknown })._body === true) {
      throw new RawBodyUnavailableError('raw_body_unavailable', hint);
    }
    return readNodeBody(request, limit, timeoutMs);
  };
}
