import { createServer } from 'node:http';
import type { ProvidersOptions, RcsEvent } from 'rcs-webhooks';
import { createNodeHandler } from 'rcs-webhooks/node';

/**
 * A server without a framework: the handler is a `node:http` request listener that answers
 * `/webhooks/rcs/:provider` and 404 elsewhere (give it a `next` to fall through instead).
 */
export function createApp(providers?: ProvidersOptions, onEvent: (event: RcsEvent) => void = () => {}) {
  // Without `providers`, credentials come from RCS_* environment variables.
  const hooks = createNodeHandler(providers === undefined ? {} : { providers });
  hooks.onDelivery((event) => onEvent(event));
  hooks.onInbound((event) => onEvent(event));
  hooks.on(['conversationStarted', 'conversationUpdated', 'conversationEnded'], (event) => onEvent(event));
  hooks.on(['typing', 'capability', 'unsupported'], (event) => onEvent(event));
  hooks.onError((error) => console.error(`[rcs-webhooks] ${error.name}: ${error.message}`));

  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/health') {
      res.setHeader('content-type', 'application/json');
      res.end('{"ok":true}');
      return;
    }
    hooks(req, res);
  });
  return { server, hooks };
}
