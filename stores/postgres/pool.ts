import { ConfigurationError } from '../../src/errors/index.js';

export type PgRow = Record<string, unknown>;

/** The subset of a `pg` Pool (or Client) the store uses. */
export interface PgPoolLike {
  query(text: string, values?: unknown[]): Promise<{ rows: PgRow[] }>;
}

export interface OwnedPool extends PgPoolLike {
  end(): Promise<void>;
}

export interface OwnedPoolOptions {
  connectTimeoutMs: number;
  queryTimeoutMs: number;
  max: number;
}

/**
 * A pool the store owns, created from a connection string on first use (so `pg` is only loaded
 * then). Connecting and each query are bounded, so an unreachable server fails the call promptly.
 */
export function ownedPool(connectionString: string, options: OwnedPoolOptions): OwnedPool {
  let creating: Promise<PgPoolLike & { end(): Promise<void> }> | undefined;
  const pool = () => {
    creating ??= createPool(connectionString, options).catch((error: unknown) => {
      creating = undefined;
      throw error;
    });
    return creating;
  };
  return {
    query: async (text, values) => (await pool()).query(text, values),
    end: async () => {
      const created = await creating?.catch(() => undefined);
      creating = undefined;
      await created?.end();
    },
  };
}

async function createPool(connectionString: string, options: OwnedPoolOptions) {
  const pg = await import('pg').catch(() => undefined);
  if (pg === undefined) {
    throw new ConfigurationError(
      'postgresStore({ connectionString }) needs the `pg` package: npm install pg',
    );
  }
  const pool = new pg.Pool({
    connectionString,
    connectionTimeoutMillis: options.connectTimeoutMs,
    query_timeout: options.queryTimeoutMs,
    max: options.max,
  });
  // An idle connection lost (server restart) is reported here; unhandled, it would crash the process.
  // The next query opens a new connection, or fails and answers 503.
  pool.on('error', () => {});
  return pool;
}
