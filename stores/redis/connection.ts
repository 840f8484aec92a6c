import { ConfigurationError } from '../../src/errors/index.js';

/** What the store needs to know of a client's events: when it becomes ready. */
interface ReadyEvents {
  once?(event: 'ready', listener: () => void): unknown;
  removeListener?(event: 'ready', listener: () => void): unknown;
}

/** The subset of a node-redis v5 client (`createClient()` from `redis`) the store uses. */
export interface NodeRedisClient extends ReadyEvents {
  sendCommand(args: ReadonlyArray<string>): Promise<unknown>;
  readonly isOpen?: boolean;
  readonly isReady?: boolean;
}

/** The subset of an ioredis client (`new Redis()`) the store uses. */
export interface IoRedisClient extends ReadyEvents {
  call(command: string, args: string[]): Promise<unknown>;
  readonly status?: string;
}

export type RedisClientLike = NodeRedisClient | IoRedisClient;

/** One command at a time, whatever the library: the store only speaks raw commands and scripts. */
export interface RedisConnection {
  send(args: readonly string[]): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * Wraps a client the user owns: never connected or closed by the store. Until the client is first
 * ready, a call waits for it (up to `initialWaitMs`); after that, while it reconnects, calls fail at
 * once rather than wait in its offline queue, because a claim queued there would run after the
 * request had already answered 503 and hold its lease until it expired.
 */
export function wrapClient(client: RedisClientLike, initialWaitMs: number): RedisConnection {
  let wasReady = false;
  const gate = async (ready: boolean, state: string) => {
    if (ready) {
      wasReady = true;
      return;
    }
    if (wasReady) throw notConnected(state);
    await readyEvent(client, initialWaitMs, state);
    wasReady = true;
  };

  // ioredis also has a `sendCommand`, but it takes a Command object: test for `call` first.
  if ('call' in client && typeof client.call === 'function') {
    const io = client;
    return {
      send: async ([command, ...args]) => {
        // `wait`: a lazyConnect client not started yet, which its first command connects.
        if (io.status !== undefined && io.status !== 'wait') await gate(io.status === 'ready', io.status);
        return io.call(command as string, args);
      },
      close: async () => {},
    };
  }
  if ('sendCommand' in client && typeof client.sendCommand === 'function') {
    const node = client;
    return {
      send: async (args) => {
        // A client never opened (or closed) rejects by itself, at once.
        if (node.isOpen === true) await gate(node.isReady !== false, 'connecting');
        return node.sendCommand(args);
      },
      close: async () => {},
    };
  }
  throw new ConfigurationError(
    'redisStore({ client }) needs a node-redis v5 client (createClient() from `redis`) or an ioredis client (new Redis())',
  );
}

function readyEvent(client: ReadyEvents, ms: number, state: string): Promise<void> {
  const { once, removeListener } = client;
  if (once === undefined) return Promise.reject(notConnected(state));
  return new Promise((resolve, reject) => {
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      removeListener?.call(client, 'ready', onReady);
      reject(notConnected(state));
    }, ms);
    once.call(client, 'ready', onReady);
  });
}

function notConnected(state: string): Error {
  return new Error(`rcs-webhooks: the Redis client is not connected (${state})`);
}
