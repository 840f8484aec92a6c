import { ConfigurationError } from '../../src/errors/index.js';
import type { InboxStore } from '../../src/store/inbox.js';
import type { ConversationStore } from '../../src/store/types.js';
import { checkConnectionUrl } from '../shared/connection-url.js';
import { positiveMs, type SharedStoreOptions } from '../shared/options.js';
import { ownedPool, type PgPoolLike } from './pool.js';
import type { TableOptions } from './tables.js';

interface PostgresStoreBaseOptions extends SharedStoreOptions, TableOptions {
  /** Create the schema, tables and indexes on first use (idempotent). Default true. */
  createTables?: boolean;
  /** How often expired rows are deleted; 0 turns it off (call `prune()` yourself). Default 10 minutes. */
  cleanupIntervalMs?: number;
  /** With `connectionString`: how long connecting may take. Default 5,000 ms. */
  connectTimeoutMs?: number;
  /** With `connectionString`: the pool size. Default 10. */
  maxConnections?: number;
}

export type PostgresStoreOptions = PostgresStoreBaseOptions &
  (
    | {
        /**
         * A `pg` Pool (or Client) you own; the store never ends it. Give it `connectionTimeoutMillis`
         * so calls fail promptly while PostgreSQL is down (`timeoutMs` bounds them anyway).
         */
        pool: PgPoolLike;
        connectionString?: undefined;
      }
    | {
        /** `postgres://user:password@host:port/database`: the store creates (with `pg`) and ends its own pool. */
        connectionString: string;
        pool?: undefined;
      }
  );

export interface PostgresStore extends ConversationStore {
  /** The durable inbox, in the `<prefix>inbox` table (always present). */
  readonly inbox: InboxStore;
  /** Renews a lease while its handlers run (always present). */
  extend(key: string, token: string, leaseMs: number): Promise<boolean>;
  /** Connects and creates the tables (unless `createTables: false`): call at startup to fail fast. */
  ready(): Promise<void>;
  /** Deletes expired rows now. */
  prune(): Promise<void>;
  /** Stops the cleanup timer and ends the pool the store created; a pool you passed is left open. */
  close(): Promise<void>;
}

/** The user's pool, or one the store creates (and ends) from the connection string. */
export function openPool(
  options: PostgresStoreOptions,
  timeoutMs: number,
): { db: PgPoolLike; end(): Promise<void> } {
  if (options.pool !== undefined) return { db: options.pool, end: async () => {} };
  if (options.connectionString === undefined) {
    throw new ConfigurationError('postgresStore() needs `pool` or `connectionString`');
  }
  // pg also takes a socket directory (`/var/run/postgresql`) and `socket:` URLs.
  if (!String(options.connectionString).startsWith('/')) {
    checkConnectionUrl(options.connectionString, {
      option: 'postgresStore({ connectionString })',
      protocols: ['postgres:', 'postgresql:', 'socket:'],
      form: 'postgres://user:password@host:5432/database',
      example: 'postgres://user:password@localhost:5432/database',
    });
  }
  const pool = ownedPool(options.connectionString, {
    connectTimeoutMs: positiveMs('postgresStore', 'connectTimeoutMs', options.connectTimeoutMs, 5_000),
    queryTimeoutMs: timeoutMs,
    max: positiveMs('postgresStore', 'maxConnections', options.maxConnections, 10),
  });
  return { db: pool, end: () => pool.end() };
}
