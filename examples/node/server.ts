import { createApp } from './app.js';

// Run: npx tsx examples/node/server.ts (credentials from RCS_* environment variables, see the README).
const { server } = createApp(undefined, (event) =>
  console.log(`[rcs] ${event.provider} ${event.kind} ${event.id}`),
);
const port = Number(process.env.PORT ?? 3000);
server.listen(port, () =>
  console.log(`node:http listening on http://localhost:${port}/webhooks/rcs/:provider`),
);
