import { loadExampleEnv } from '../load-env.js';
import { createApp } from './app.js';

loadExampleEnv(); // .env, else .env.example (demo credentials); the environment wins

// Run: npx tsx examples/fastify/server.ts (credentials from the RCS_* variables: environment, .env or .env.example).
const app = await createApp(undefined, (event) =>
  console.log(`[rcs] ${event.provider} ${event.kind} ${event.id}`),
);
const port = Number(process.env.PORT ?? 3000);
await app.listen({ port, host: process.env.HOST ?? '0.0.0.0' });
console.log(`Fastify listening on http://localhost:${port}/webhooks/rcs/:provider`);
