import type { RcsWebhookError } from '../errors/index.js';
import type { WebhookResponse } from './types.js';

/** `{ ok: true }`: the body of every accepted request (serialized once). */
export const OK = Object.freeze({ ok: true });
const OK_BODY = JSON.stringify(OK);

export function jsonResponse(
  status: number,
  body: object,
  headers: Record<string, string> = {},
): WebhookResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: body === OK ? OK_BODY : JSON.stringify(body),
  };
}

/**
 * `{ "error": code }` with the error's status. Never the error message (it may describe handler
 * failures), except for server misconfiguration, where the fix is static text worth surfacing.
 */
export function errorResponse(error: RcsWebhookError, allow?: readonly string[]): WebhookResponse {
  const headers: Record<string, string> = {};
  if (allow !== undefined) headers.allow = allow.join(', ');
  // The rest of an oversized or stalled body is never read: close the connection instead of draining it.
  if (error.status === 413 || error.status === 408) headers.connection = 'close';
  const body =
    error.code === 'raw_body_unavailable'
      ? { error: error.code, message: error.message }
      : { error: error.code };
  return jsonResponse(error.status, body, headers);
}

/**
 * 404 `{ "error": "not_found" }` for a path outside the mount, where no framework route takes over.
 * A body still coming is not drained: the connection closes after the answer.
 */
export function notFoundResponse(bodyComing: boolean): WebhookResponse {
  return jsonResponse(404, { error: 'not_found' }, bodyComing ? { connection: 'close' } : {});
}
