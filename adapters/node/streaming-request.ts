import type { IncomingMessage } from 'node:http';
import type { StreamingRequest } from '../../src/pipeline/handle-streaming.js';
import { type KeptBody, nodeBodyReader } from './raw-body-source.js';

/**
 * The core's view of a Node request. `url` is the URL as received (Express `originalUrl`, Koa
 * `originalUrl`): the core routes on it and URL-signing providers verify it.
 */
export function nodeStreamingRequest(
  req: IncomingMessage,
  url: string,
  hint: string,
  kept?: KeptBody,
): StreamingRequest {
  const remoteAddress = req.socket?.remoteAddress;
  return {
    method: req.method ?? 'GET',
    url,
    // Every line of a repeated header (req.headers keeps only the first Authorization or
    // Content-Type), so a duplicated credential fails here as it does through rcs.fetch.
    headers: req.headersDistinct,
    ...(remoteAddress === undefined ? {} : { remoteAddress }),
    readBody: nodeBodyReader(req, hint, kept),
  };
}
