import { serve } from '@hono/node-server';
import { createApp } from './app.js';

// Run: npx tsx examples/hono/server.ts (credentials from RCS_* environment variables, see the README).
// Bun: `export default app`; Deno: `Deno.serve(app.fetch)`; Workers: `export default app`.
const { app } = createApp(undefined, (event) =>
  console.log(`[rcs] ${event.provider} ${event.kind} ${event.id}`),
);
const port = Number(process.env.PORT ?? 3000);
serve({ fetch: app.fetch, port }, () =>
  console.log(`Hono listening on http://localhost:${port}/webhooks/rcs/:provider`),
);
