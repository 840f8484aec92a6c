import type { ServerResponse } from 'node:http';
import type { WebhookResponse } from '../../src/http/types.js';

export function writeNodeResponse(res: ServerResponse, response: WebhookResponse): void {
  // One writeHead with every header: no setHeader (with its own validation and header-object
  // bookkeeping) per header. Headers a framework set before are kept: Node merges them.
  res.writeHead(response.status, {
    ...response.headers,
    'content-length': Buffer.byteLength(response.body),
  });
  res.end(response.body);
}
