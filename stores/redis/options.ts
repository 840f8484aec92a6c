import { ConfigurationError } from '../../src/errors/index.js';
import type { ConversationStore, InboxStore } from '../../src/store/types.js';
import { checkConnectionUrl } from '../shared/connection-url.js';
import { positiveMs, type SharedStoreOptions } from '../shared/options.js';
import { type RedisClientLike, type RedisConnection, wrapClient } from './connection.js';
import { urlConnection } from './open-url.js';

interface RedisStoreBaseOptions extends SharedStoreOptions {
  /** Prepended to every key. Default `rcs:`. */
  prefix?: string;
  /** With `url`: how long connecting may take. Default 5,000 ms. */
  connectTimeoutMs?: number;
}

export type RedisStoreOptions = RedisStoreBaseOptions &
  (
    | {
        /**
         * A node-redis v5 or ioredis client you own; the store never connects or closes it. Until it is
         * first ready a call waits for it (up to `timeoutMs`); after that, calls fail at once while it
         * reconnects, whatever its offline-queue setting.
         */
        client: RedisClientLike;
        url?: undefined;
      }
    | {
        /** `redis[s]://[[user]:password@]host[:port][/db]`: the store opens (with `redis`, else `ioredis`) and closes its own client. */
        url: string;
        client?: undefined;
      }
  );

export interface RedisStore extends ConversationStore {
  /** The durable inbox (keys without TTL, see README "Redis"): always present. */
  readonly inbox: InboxStore;
  /** Renews a lease while its handlers run (always present). */
  extend(key: string, token: string, leaseMs: number): Promise<boolean>;
  /** Connects (with `url`) and pings: call at startup to fail fast on a wrong URL. */
  ready(): Promise<void>;
  /** Closes the client the store opened from `url`; a client you passed is left open. */
  close(): Promise<void>;
}

export function openConnection(options: RedisStoreOptions, timeoutMs: number): RedisConnection {
  if (options.client !== undefined) return wrapClient(options.client, timeoutMs);
  if (options.url === undefined) throw new ConfigurationError('redisStore() needs `client` or `url`');
  checkConnectionUrl(options.url, {
    option: 'redisStore({ url })',
    protocols: ['redis:', 'rediss:'],
    form: 'redis://host:port (or rediss://, in full redis[s]://[[user]:password@]host[:port][/db])',
    example: 'redis://localhost:6379',
  });
  const connectTimeoutMs = positiveMs('redisStore', 'connectTimeoutMs', options.connectTimeoutMs, 5_000);
  return urlConnection(options.url, { connectTimeoutMs, commandTimeoutMs: timeoutMs });
}
