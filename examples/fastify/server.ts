import { createApp } from './app.js';

// Run: npx tsx examples/fastify/server.ts (credentials from RCS_* environment variables, see the README).
const app = await createApp(undefined, (event) =>
  console.log(`[rcs] ${event.provider} ${event.kind} ${event.id}`),
);
const port = Number(process.env.PORT ?? 3000);
await app.listen({ port, host: process.env.HOST ?? '0.0.0.0' });
console.log(`Fastify listening on http://localhost:${port}/webhooks/rcs/:provider`);
