import { createClient } from 'redis';
import { serviceUrl } from '../../scripts/service-urls.js';

// What the load runs need of test/store/servers.ts and redis-clients.ts, without importing vitest
// (scripts/load-test.ts runs outside it). Same variables, same defaults.

export const REDIS_URL = serviceUrl('REDIS_URL').url;
export const DATABASE_URL = serviceUrl('DATABASE_URL').url;

/** host:port of a server URL (connection strings carry passwords: only this is ever printed). */
export function where(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || (parsed.protocol.startsWith('redis') ? '6379' : '5432')}`;
}

/** `url` pointing at 127.0.0.1:`port` (a proxy in front of the server). */
export function withPort(url: string, port: number): string {
  const parsed = new URL(url);
  parsed.hostname = '127.0.0.1';
  parsed.port = String(port);
  return parsed.toString();
}

/** A random name part, so parallel runs never share keys or schemas. */
export function uniqueName(label: string): string {
  return `${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}

/** Deletes every key under `prefix` of the Redis at `url` (each has a TTL anyway). */
export async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const client = createClient({ url });
  client.on('error', () => {});
  await client.connect();
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 1_000 })) {
      if (keys.length > 0) await client.del(keys);
    }
  } finally {
    client.destroy();
  }
}
