import type { ServerResponse } from 'node:http';
import type { WebhookResponse } from '../../src/http/types.js';

export function writeNodeResponse(res: ServerResponse, response: WebhookResponse): void {
  res.statusCode = response.status;
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  res.setHeader('content-length', Buffer.byteLength(response.body));
  res.end(response.body);
}
