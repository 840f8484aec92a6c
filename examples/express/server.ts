import { createApp } from './app.js';

// Providers come from environment variables here (see README "Configuration from the environment").
const { app } = createApp(undefined, (event) => console.log(event.kind, event.id));
const port = Number(process.env.PORT ?? 3000);
app.listen(port, () => console.log(`listening on http://localhost:${port}/webhooks/rcs/:provider`));
