import type { RequestHeaders } from './headers.js';

/**
 * Whether the request announced a body still to come: `Transfer-Encoding` (chunked), or a
 * `Content-Length` above 0. A refusal decided before the body is read closes such a connection
 * instead of letting the server drain an unbounded body behind the answer.
 */
export function announcesBody(headers: RequestHeaders): boolean {
  if (headers.has('transfer-encoding')) return true;
  const length = headers.get('content-length');
  return length !== undefined && length.trim() !== '0';
}
