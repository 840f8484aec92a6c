import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const repository = fileURLToPath(new URL('..', import.meta.url));

/**
 * Loads the examples' settings (the RCS_* variables, PORT) from `RCS_ENV_FILE`, else the repository's
 * `.env`, else its `.env.example` (the demo credentials). Variables already set in the environment
 * win (process.loadEnvFile never overrides them). Returns the file read.
 */
export function loadExampleEnv(): string | undefined {
  const file =
    process.env.RCS_ENV_FILE ?? ['.env', '.env.example'].map((name) => repository + name).find(existsSync);
  if (file === undefined) return undefined;
  process.loadEnvFile(file);
  return file;
}
