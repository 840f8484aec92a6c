import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RcsWebhooks } from '../../src/core/create.js';
import { jsonResponse } from '../../src/http/responses.js';
import { answerNotFound } from './not-found.js';
import { writeNodeResponse } from './respond.js';
import { nodeStreamingRequest } from './streaming-request.js';

export type NodeNext = (error?: unknown) => void;
export type NodeListener<Req extends IncomingMessage = IncomingMessage> = (
  req: Req,
  res: ServerResponse,
  next?: NodeNext,
) => void;

/**
 * A `(req, res, next?)` listener over the core: answers provider routes, calls `next()` for any
 * other path, or answers 404 when there is no `next` (a bare `http.createServer`). Routes on
 * `req.url`, which Express and Connect make relative to where they mounted the listener.
 */
export function nodeListener<Req extends IncomingMessage>(
  core: RcsWebhooks,
  hint: string,
): NodeListener<Req> {
  return (req, res, next) => {
    handleNodeRequest(core, req, res, req.url ?? '/', hint).then(
      (handled) => {
        if (handled) return;
        if (next) next();
        else answerNotFound(req, res);
      },
      (error: unknown) => {
        if (next) next(error);
        else writeNodeResponse(res, jsonResponse(500, { error: 'internal_error' }));
      },
    );
  };
}

/**
 * Runs the core on a Node request and writes its answer; `false` when the path is outside the mount.
 * `req.originalUrl` (Express, Connect), when set, is the URL the client sent: URL signatures cover it.
 */
export async function handleNodeRequest(
  core: RcsWebhooks,
  req: IncomingMessage & { originalUrl?: unknown },
  res: ServerResponse,
  url: string,
  hint: string,
): Promise<boolean> {
  const originalUrl = typeof req.originalUrl === 'string' ? req.originalUrl : undefined;
  const response = await core.handleStreaming(nodeStreamingRequest(req, url, hint, undefined, originalUrl));
  if (response === undefined) return false;
  writeNodeResponse(res, response);
  return true;
}
