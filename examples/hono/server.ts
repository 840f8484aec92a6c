import { serve } from '@hono/node-server';
import { loadExampleEnv } from '../load-env.js';
import { createApp } from './app.js';

loadExampleEnv(); // .env, else .env.example (demo credentials); the environment wins

// Run: npx tsx examples/hono/server.ts (credentials from the RCS_* variables: environment, .env or .env.example).
// Bun: `export default app`; Deno: `Deno.serve(app.fetch)`; Workers: `export default app`.
const { app } = createApp(undefined, (event) =>
  console.log(`[rcs] ${event.provider} ${event.kind} ${event.id}`),
);
const port = Number(process.env.PORT ?? 3000);
serve({ fetch: app.fetch, port }, () =>
  console.log(`Hono listening on http://localhost:${port}/webhooks/rcs/:provider`),
);
