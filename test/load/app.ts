import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { ConversationStore, ProvidersOptions, RcsEvent, RcsWebhooksOptions } from 'rcs-webhooks';
import { type RcsExpressMiddleware, rcsWebhooks } from 'rcs-webhooks/express';

/**
 * The Express example (examples/express/app.ts) as the load test runs it: the same middleware
 * mounted the same way, the same subscriptions funnelled into one `onEvent`, plus what the example
 * does not take yet: a `store` (and the lease) and an error counter instead of a log line per error.
 * (See the report: `createApp(providers, onEvent, options)` would let the test run the example itself.)
 */
export interface LoadAppOptions {
  providers: ProvidersOptions;
  store: ConversationStore;
  /** The origin providers call (URL-signing providers sign it); the same for every instance. */
  publicUrl: string;
  leaseMs?: number;
  onEvent: (event: RcsEvent) => void | Promise<void>;
  onError: (error: Error) => void;
}

export function createLoadApp(options: LoadAppOptions) {
  const app = express();
  const core: RcsWebhooksOptions = {
    providers: options.providers,
    store: options.store,
    publicUrl: options.publicUrl,
  };
  if (options.leaseMs !== undefined) core.idempotency = { leaseMs: options.leaseMs };
  const hooks = rcsWebhooks(core);

  const { onEvent } = options;
  hooks.onDelivery((event) => onEvent(event));
  hooks.onInbound((event) => onEvent(event));
  hooks.onConversationStarted((event) => onEvent(event));
  hooks.on(['conversationUpdated', 'conversationEnded', 'typing', 'capability', 'unsupported'], (event) =>
    onEvent(event),
  );
  hooks.onError((error) => options.onError(error));

  app.use(hooks); // POST /webhooks/rcs/:provider
  app.use(express.json());
  app.get('/health', (_req, res) => {
    res.json({ ok: true });
  });
  return { app, hooks };
}

export interface RunningApp {
  base: string;
  hooks: RcsExpressMiddleware;
  close(): Promise<void>;
}

/** Starts an app on an ephemeral loopback port. */
export async function listenApp(options: LoadAppOptions): Promise<RunningApp> {
  const { app, hooks } = createLoadApp(options);
  const server: Server = createServer(app);
  // Longer than the client's idle sockets live, so the server never closes one the client is reusing.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    hooks,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
