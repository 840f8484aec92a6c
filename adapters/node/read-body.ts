import type { Readable } from 'node:stream';
import getRawBody from 'raw-body';
import {
  ClientAbortedError,
  RawBodyUnavailableError,
  type RcsWebhookError,
  RequestRejectedError,
} from '../../src/errors/index.js';
import { bodyTooLarge } from '../../src/http/body-too-large.js';

/**
 * Reads a Node stream with raw-body: stops at `limit` bytes (413 without buffering the rest, and at
 * once when the declared `length` (Content-Length) already says so) and gives up after `timeoutMs` (408).
 */
export function readNodeBody(
  stream: Readable,
  limit: number,
  timeoutMs: number,
  length?: string,
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new RequestRejectedError('read_timeout', `body not received within ${timeoutMs} ms`));
      stream.unpipe();
      stream.pause();
    }, timeoutMs);
    getRawBody(stream, { limit, length: length ?? null }, (error, body) => {
      clearTimeout(timer);
      if (error) reject(toRcsError(error, limit));
      else resolve(body);
    });
  });
}

function toRcsError(error: Error & { type?: string; code?: string }, limit: number): RcsWebhookError {
  // raw-body's `request.aborted`, or Node's own `aborted` (ECONNRESET) when it comes first.
  if (error.type === 'request.aborted' || error.code === 'ECONNRESET' || error.code === 'ECONNABORTED') {
    return new ClientAbortedError({ cause: error });
  }
  switch (error.type) {
    case 'entity.too.large':
      return bodyTooLarge(limit, { cause: error });
    case 'stream.not.readable':
    case 'stream.encoding.set':
      return new RawBodyUnavailableError(
        'raw_body_unavailable',
        'the request stream was already consumed before rcs-webhooks could read the raw body; mount the webhook handler before any body parser.',
        { cause: error },
      );
    default:
      // Bodies shorter or longer than their Content-Length (streams other than Node's HTTP parser).
      return new RequestRejectedError('malformed_body', error.message, { cause: error });
  }
}
