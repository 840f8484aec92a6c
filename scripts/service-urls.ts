import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the Redis and PostgreSQL store suites, the load test and the benchmarks find their servers:
 * the variable when set, else what `bash scripts/ci-services.sh` recorded (it may have started private
 * servers on free ports), else the defaults it starts as root.
 */
export type ServiceVariable = 'REDIS_URL' | 'DATABASE_URL';

export const DEFAULT_URLS: Record<ServiceVariable, string> = {
  REDIS_URL: 'redis://127.0.0.1:6379',
  DATABASE_URL: 'postgres://rcs:rcs@127.0.0.1:5432/rcs_test',
};

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** The file scripts/ci-services.sh writes (`NAME='url'` lines; `set -a; . <file>` loads it in a shell). */
export const SERVICES_FILE =
  process.env.RCS_SERVICES_FILE || `${repoRoot}node_modules/.cache/rcs-webhooks/services.env`;

function recorded(): Partial<Record<ServiceVariable, string>> {
  let text: string;
  try {
    text = readFileSync(SERVICES_FILE, 'utf8');
  } catch {
    return {};
  }
  const urls: Partial<Record<ServiceVariable, string>> = {};
  for (const line of text.split('\n')) {
    const match = /^(REDIS_URL|DATABASE_URL)='([^']*)'$/.exec(line.trim());
    if (match) urls[match[1] as ServiceVariable] = match[2] as string;
  }
  return urls;
}

/** The URL to use, and where it came from (for messages: never print the URL, it may carry a password). */
export function serviceUrl(name: ServiceVariable): { url: string; source: string } {
  const fromEnv = process.env[name];
  if (fromEnv) return { url: fromEnv, source: `${name} in the environment` };
  const fromFile = recorded()[name];
  if (fromFile)
    return {
      url: fromFile,
      source: `${relative(process.cwd(), SERVICES_FILE)}, written by scripts/ci-services.sh`,
    };
  return { url: DEFAULT_URLS[name], source: 'the default' };
}
