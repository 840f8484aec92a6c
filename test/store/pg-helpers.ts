import pg from 'pg';
import { DATABASE_URL } from './servers.js';

/** A pool on the test database, bounded like a production pool should be. */
export function testPool(connectionString = DATABASE_URL, max = 10) {
  const pool = new pg.Pool({ connectionString, connectionTimeoutMillis: 3_000, max });
  pool.on('error', () => {});
  return pool;
}

export async function dropSchema(pool: pg.Pool, schema: string) {
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}
