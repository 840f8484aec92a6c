import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { REDIS_URL } from './servers.js';

/** A connected node-redis v5 client on the test server. */
export async function nodeRedisClient(url = REDIS_URL) {
  const client = createClient({ url });
  client.on('error', () => {});
  await client.connect();
  return client;
}

/** A connected ioredis client on the test server. */
export async function ioRedisClient(url = REDIS_URL) {
  const client = new Redis(url, { lazyConnect: true });
  client.on('error', () => {});
  await client.connect();
  return client;
}

/** Deletes every key under `prefix` (each has a TTL anyway). */
export async function deleteKeys(client: Awaited<ReturnType<typeof nodeRedisClient>>, prefix: string) {
  for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
    if (keys.length > 0) await client.del(keys);
  }
}
