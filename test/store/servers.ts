import { connect } from 'node:net';
import { describe, it } from 'vitest';

/** The servers the Redis and PostgreSQL suites use (`bash scripts/ci-services.sh` starts both). */
export const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
export const DATABASE_URL = process.env.DATABASE_URL || 'postgres://rcs:rcs@127.0.0.1:5432/rcs_test';

const inCI = ['true', '1'].includes((process.env.CI ?? '').toLowerCase());

/** host:port of a server URL: connection strings carry passwords, so only this is ever printed. */
export function where(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || (parsed.protocol.startsWith('redis') ? '6379' : '5432')}`;
}

/** `url` with its host and port replaced (to reach a server through a proxy, or a closed port). */
export function withPort(url: string, port: number): string {
  const parsed = new URL(url);
  parsed.hostname = '127.0.0.1';
  parsed.port = String(port);
  return parsed.toString();
}

function reachable(url: string): Promise<boolean> {
  const [host, port] = where(url).split(':') as [string, string];
  return new Promise((resolve) => {
    const socket = connect({ host, port: Number(port) });
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.setTimeout(1_500, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Whether the suites that need this server can run. Outside CI an unreachable server skips them
 * and says so; in CI (CI=true) it is a failure, never a silent skip.
 */
export async function serverAvailable(name: 'Redis' | 'PostgreSQL', url: string): Promise<boolean> {
  if (await reachable(url)) return true;
  const reason = `${name} is not reachable at ${where(url)}`;
  if (inCI) {
    describe(`${name} server`, () => {
      it('is reachable (required in CI: bash scripts/ci-services.sh starts it)', () => {
        throw new Error(`${reason}; CI must run the ${name} store suites`);
      });
    });
  } else {
    console.warn(
      `\n[rcs-webhooks] ${reason}: the ${name} suites in this file were NOT run. ` +
        'Start the servers with `bash scripts/ci-services.sh` (as root) or set the URL variable.\n',
    );
  }
  return false;
}

/** A random name part, so parallel test files and runs never share keys, schemas or tables. */
export function uniqueName(label: string): string {
  return `${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}
