import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import { createRcsWebhooks, type ProvidersOptions, type RcsEvent } from 'rcs-webhooks';

/**
 * A small Hono app receiving RCS webhooks through the Web-standard `rcs.fetch(request)`: hand it
 * the untouched `c.req.raw` (read no body before it). The same app runs on Bun, Deno and
 * Cloudflare Workers; only the server (here @hono/node-server) and the peer address differ.
 */
export function createApp(providers?: ProvidersOptions, onEvent: (event: RcsEvent) => void = () => {}) {
  // Without `providers`, credentials come from RCS_* environment variables.
  const rcs = createRcsWebhooks(providers === undefined ? {} : { providers });
  rcs.onDelivery((event) => onEvent(event));
  rcs.onInbound((event) => onEvent(event));
  rcs.on(['conversationStarted', 'conversationUpdated', 'conversationEnded'], (event) => onEvent(event));
  rcs.on(['typing', 'capability', 'unsupported'], (event) => onEvent(event));
  rcs.onError((error) => console.error(`[rcs-webhooks] ${error.name}: ${error.message}`));

  const app = new Hono();
  app.all(`${rcs.path}/*`, (c) => {
    // The peer address matters only for providers configured with an IP allowlist.
    const address = getConnInfo(c).remote.address;
    return rcs.fetch(c.req.raw, address === undefined ? {} : { remoteAddress: address });
  });
  app.get('/health', (c) => c.json({ ok: true }));
  return { app, rcs };
}
