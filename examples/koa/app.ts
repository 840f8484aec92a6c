import Koa from 'koa';
import type { ProvidersOptions, RcsEvent } from 'rcs-webhooks';
import { rcsWebhooks } from 'rcs-webhooks/koa';

/**
 * A small Koa app receiving RCS webhooks: mount the middleware before any body parser (or use
 * @koa/bodyparser, which keeps ctx.request.rawBody), subscribe, and keep the rest of the app as it is.
 */
export function createApp(providers?: ProvidersOptions, onEvent: (event: RcsEvent) => void = () => {}) {
  const app = new Koa();
  // Without `providers`, credentials come from RCS_* environment variables.
  const hooks = rcsWebhooks(providers === undefined ? {} : { providers });

  hooks.onDelivery((event) => onEvent(event));
  hooks.onInbound((event) => onEvent(event));
  hooks.on(['conversationStarted', 'conversationUpdated', 'conversationEnded'], (event) => onEvent(event));
  hooks.on(['typing', 'capability', 'unsupported'], (event) => onEvent(event));
  hooks.onError((error) => console.error(`[rcs-webhooks] ${error.name}: ${error.message}`));

  app.use(hooks); // POST /webhooks/rcs/:provider; anything else goes on to the next middleware
  app.use(async (ctx) => {
    if (ctx.method === 'GET' && ctx.path === '/health') ctx.body = { ok: true };
  });
  return { app, hooks };
}
