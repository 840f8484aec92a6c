import { loadExampleEnv } from '../load-env.js';
import { createApp } from './app.js';

loadExampleEnv(); // .env, else .env.example (demo credentials); the environment wins

// Run: npx tsx examples/koa/server.ts (credentials from the RCS_* variables: environment, .env or .env.example).
const { app } = createApp(undefined, (event) =>
  console.log(`[rcs] ${event.provider} ${event.kind} ${event.id}`),
);
const port = Number(process.env.PORT ?? 3000);
app.listen(port, () => console.log(`Koa listening on http://localhost:${port}/webhooks/rcs/:provider`));
