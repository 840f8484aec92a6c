import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULTS } from '../../src/core/options.js';
import { announcesBody } from '../../src/http/announced-body.js';
import { notFoundResponse } from '../../src/http/responses.js';
import { discardNodeBody } from './discard-body.js';
import { writeNodeResponse } from './respond.js';
import { nodeRequestHeaders } from './streaming-request.js';

/**
 * 404 for a path outside the mount when no framework takes over (bare `node:http`, the Pages
 * Router): a body still coming is dropped, at most the default body limit of it, and the
 * connection closes after the answer instead of draining it.
 */
export function answerNotFound(req: IncomingMessage, res: ServerResponse): void {
  const bodyComing = announcesBody(nodeRequestHeaders(req));
  writeNodeResponse(res, notFoundResponse(bodyComing));
  if (bodyComing) discardNodeBody(req, DEFAULTS.maxBodyBytes);
}
