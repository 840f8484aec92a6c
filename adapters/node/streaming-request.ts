import type { IncomingMessage } from 'node:http';
import { RequestHeaders } from '../../src/http/headers.js';
import type { StreamingRequest } from '../../src/pipeline/handle-streaming.js';
import { discardNodeBody } from './discard-body.js';
import { type KeptBody, nodeBodyReader } from './raw-body-source.js';

/**
 * The core's view of a Node request. `url` is what the core routes on, relative to where the
 * framework mounted the handler (Express `req.url`, Koa `ctx.url`); `originalUrl` is the URL the
 * client sent, prefix included, which URL-signing providers (Twilio, Bird) signed.
 */
export function nodeStreamingRequest(
  req: IncomingMessage,
  url: string,
  hint: string,
  kept?: KeptBody,
  originalUrl?: string,
): StreamingRequest {
  const remoteAddress = req.socket?.remoteAddress;
  const headers = nodeRequestHeaders(req);
  return {
    method: req.method ?? 'GET',
    url,
    ...(originalUrl === undefined || originalUrl === url ? {} : { originalUrl }),
    headers,
    ...(remoteAddress === undefined ? {} : { remoteAddress }),
    readBody: nodeBodyReader(req, hint, kept, headers.get('content-length')),
    discardBody: (limit) => discardNodeBody(req, limit),
  };
}

/**
 * Every line of every header, from `rawHeaders`: `req.headers` keeps only the first Authorization
 * or Content-Type, so a duplicated credential must fail here as it does through `rcs.fetch`.
 * Requests that serverless shims (serverless-http and the like) build by hand set `headers` and
 * leave `rawHeaders` empty: those headers are all there is.
 */
export function nodeRequestHeaders(req: IncomingMessage): RequestHeaders {
  const raw: readonly string[] | undefined = req.rawHeaders;
  return raw !== undefined && raw.length > 0
    ? RequestHeaders.fromRawHeaders(raw)
    : new RequestHeaders(req.headers ?? {});
}
