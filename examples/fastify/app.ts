import Fastify from 'fastify';
import type { ProvidersOptions, RcsEvent } from 'rcs-webhooks';
import { rcsWebhooks } from 'rcs-webhooks/fastify';

/**
 * A small Fastify app receiving RCS webhooks. The plugin reads the raw body in its own scope, so
 * the app's routes keep Fastify's JSON parsing; `app.rcsWebhooks` is the core, for subscribing.
 */
export async function createApp(providers?: ProvidersOptions, onEvent: (event: RcsEvent) => void = () => {}) {
  const app = Fastify();
  // Without `providers`, credentials come from RCS_* environment variables.
  await app.register(rcsWebhooks, providers === undefined ? {} : { providers }); // POST /webhooks/rcs/:provider

  app.rcsWebhooks.onDelivery((event) => onEvent(event));
  app.rcsWebhooks.onInbound((event) => onEvent(event));
  app.rcsWebhooks.on(['conversationStarted', 'conversationUpdated', 'conversationEnded'], (event) =>
    onEvent(event),
  );
  app.rcsWebhooks.on(['typing', 'capability', 'unsupported'], (event) => onEvent(event));
  app.rcsWebhooks.onError((error) => app.log.error(`[rcs-webhooks] ${error.name}: ${error.message}`));

  app.get('/health', async () => ({ ok: true }));
  return app;
}
