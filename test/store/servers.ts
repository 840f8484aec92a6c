import { connect } from 'node:net';
import { describe, it } from 'vitest';
import { serviceUrl } from '../../scripts/service-urls.js';

/**
 * The servers the Redis and PostgreSQL suites use: REDIS_URL / DATABASE_URL when set, else the ones
 * `bash scripts/ci-services.sh` found or started (it records them), else 127.0.0.1:6379 and :5432.
 */
const redis = serviceUrl('REDIS_URL');
const database = serviceUrl('DATABASE_URL');
export const REDIS_URL = redis.url;
export const DATABASE_URL = database.url;

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
  const source = url === REDIS_URL ? redis.source : url === DATABASE_URL ? database.source : undefined;
  const reason = `${name} is not reachable at ${where(url)}${source ? ` (from ${source})` : ''}`;
  if (inCI) {
    describe(`${name} server`, () => {
      it('is reachable (required in CI: bash scripts/ci-services.sh starts it)', () => {
        throw new Error(`${reason}; CI must run the ${name} store suites`);
      });
    });
  } else {
    console.warn(
      `\n[rcs-webhooks] ${reason}: the ${name} suites in this file were NOT run. ` +
        'Run `bash scripts/ci-services.sh` (it finds or starts both servers, as root or not) or set REDIS_URL / DATABASE_URL.\n',
    );
  }
  return false;
}

/** A random name part, so parallel test files and runs never share keys, schemas or tables. */
export function uniqueName(label: string): string {
  return `${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}
