import express from 'express';
import type { ProvidersOptions, RcsEvent } from 'rcs-webhooks';
import { rcsWebhooks } from 'rcs-webhooks/express';

/**
 * A small Express app receiving RCS webhooks: mount the middleware before any body parser,
 * subscribe to the events you care about, and keep the rest of the app as it is.
 */
export function createApp(providers?: ProvidersOptions, onEvent: (event: RcsEvent) => void = () => {}) {
  const app = express();
  // Without `providers`, credentials come from RCS_* environment variables.
  const hooks = rcsWebhooks(providers === undefined ? {} : { providers });

  hooks.onDelivery((event) => onEvent(event));
  hooks.onInbound((event) => onEvent(event));
  hooks.onConversationStarted((event) => onEvent(event));
  hooks.on(['conversationUpdated', 'conversationEnded', 'typing', 'capability', 'unsupported'], (event) =>
    onEvent(event),
  );
  hooks.onError((error) => console.error(`[rcs-webhooks] ${error.name}: ${error.message}`));

  app.use(hooks); // POST /webhooks/rcs/:provider
  app.use(express.json()); // the rest of the app keeps its usual parsing
  app.get('/health', (_req, res) => {
    res.json({ ok: true });
  });
  return { app, hooks };
}
