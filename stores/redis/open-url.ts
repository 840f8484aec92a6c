import { ConfigurationError } from '../../src/errors/index.js';
import type { RedisConnection } from './connection.js';

export interface UrlConnectionOptions {
  connectTimeoutMs: number;
  /**
   * Per-command timeout for ioredis (a timer per command: no measurable cost). node-redis gets
   * none: its per-command `timeout` creates an AbortSignal per command, which took the client's
   * CPU per command from 6–20 µs to 34–51 µs, and the store's own timeout bounds every call anyway.
   */
  commandTimeoutMs: number;
}

/**
 * A connection the store owns, opened on first use from `redis` (node-redis) or, when that is not
 * installed, `ioredis`. Commands are never queued while disconnected: they reject at once, so the
 * request answers 503. A failed first connect leaves nothing behind and the next call tries again;
 * once connected, the library reconnects by itself.
 */
export function urlConnection(url: string, options: UrlConnectionOptions): RedisConnection {
  let opening: Promise<RedisConnection> | undefined;
  const open = () => {
    opening ??= openUrl(url, options).catch((error: unknown) => {
      opening = undefined;
      throw error;
    });
    return opening;
  };
  return {
    send: async (args) => (await open()).send(args),
    close: async () => {
      const connection = await opening?.catch(() => undefined);
      opening = undefined;
      await connection?.close();
    },
  };
}

async function openUrl(url: string, options: UrlConnectionOptions): Promise<RedisConnection> {
  const nodeRedis = await import('redis').catch(() => undefined);
  if (nodeRedis !== undefined) return openNodeRedis(nodeRedis.createClient, url, options);
  const ioredis = await import('ioredis').catch(() => undefined);
  if (ioredis !== undefined) return openIoRedis(ioredis.Redis, url, options);
  throw new ConfigurationError(
    'redisStore({ url }) needs the `redis` (node-redis v5) or `ioredis` package: npm install redis',
  );
}

async function openNodeRedis(
  createClient: typeof import('redis').createClient,
  url: string,
  options: UrlConnectionOptions,
): Promise<RedisConnection> {
  let connected = false;
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: options.connectTimeoutMs,
      // Fail the first connect at once (the store call rejects); after that, keep reconnecting.
      reconnectStrategy: (retries) => (connected ? Math.min(50 * 2 ** retries, 2_000) : false),
    },
  });
  client.on('error', () => {}); // surfaced through the rejected commands; an unhandled 'error' would crash
  await client.connect();
  connected = true;
  return {
    send: (args) => client.sendCommand(args),
    close: async () => {
      if (client.isOpen) await client.close();
    },
  };
}

async function openIoRedis(
  Redis: typeof import('ioredis').Redis,
  url: string,
  options: UrlConnectionOptions,
): Promise<RedisConnection> {
  let connected = false;
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    connectTimeout: options.connectTimeoutMs,
    commandTimeout: options.commandTimeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: (times) => (connected ? Math.min(50 * 2 ** times, 2_000) : null),
  });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    throw error;
  }
  connected = true;
  return {
    send: ([command, ...args]) => client.call(command as string, args),
    close: async () => {
      await client.quit().catch(() => client.disconnect());
    },
  };
}
