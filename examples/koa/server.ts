import { createApp } from './app.js';

// Run: npx tsx examples/koa/server.ts (credentials from RCS_* environment variables, see the README).
const { app } = createApp(undefined, (event) =>
  console.log(`[rcs] ${event.provider} ${event.kind} ${event.id}`),
);
const port = Number(process.env.PORT ?? 3000);
app.listen(port, () => console.log(`Koa listening on http://localhost:${port}/webhooks/rcs/:provider`));
