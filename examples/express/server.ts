import { loadExampleEnv } from '../load-env.js';
import { createApp } from './app.js';

loadExampleEnv(); // .env, else .env.example (demo credentials); the environment wins

// Providers come from the RCS_* variables here: environment, .env or .env.example (README "Examples").
const { app } = createApp(undefined, (event) => console.log(event.kind, event.id));
const port = Number(process.env.PORT ?? 3000);
app.listen(port, () => console.log(`listening on http://localhost:${port}/webhooks/rcs/:provider`));
