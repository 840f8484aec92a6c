import {
  POSTGRES_SCHEMA_SQL,
  type PostgresStore,
  postgresSchemaSql,
  postgresStore,
} from 'rcs-webhooks/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeContract } from './contract.js';
import { dropSchema, testPool } from './pg-helpers.js';
import { DATABASE_URL, serverAvailable, uniqueName } from './servers.js';

const up = await serverAvailable('PostgreSQL', DATABASE_URL);
const schema = uniqueName('rcs_test');

describe.skipIf(!up)('postgresStore', () => {
  const pool = testPool();
  const opened: PostgresStore[] = [];

  beforeAll(async () => {
    await postgresStore({ pool, schema }).ready();
  });
  afterAll(async () => {
    await Promise.all(opened.map((store) => store.close()));
    await dropSchema(pool, schema);
    await pool.end();
  });

  storeContract('postgresStore (pool)', (clock) =>
    postgresStore({ pool, schema, cleanupIntervalMs: 0, now: () => clock.now }),
  );
  storeContract('postgresStore (connection string)', (clock) => {
    const store = postgresStore({
      connectionString: DATABASE_URL,
      schema,
      maxConnections: 4,
      now: () => clock.now,
    });
    opened.push(store);
    return store;
  });

  const tables = async (inSchema: string) =>
    (
      await pool.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = $1 ORDER BY 1`,
        [inSchema],
      )
    ).rows.map((row) => row.name);

  it('creates its schema, tables and indexes idempotently, even from many instances at once', async () => {
    const own = uniqueName('rcs_ddl');
    try {
      await Promise.all(
        Array.from({ length: 6 }, () => postgresStore({ pool, schema: own, tablePrefix: 'hooks_' }).ready()),
      );
      await postgresStore({ pool, schema: own, tablePrefix: 'hooks_' }).ready();
      expect(await tables(own)).toEqual([
        'hooks_activity',
        'hooks_activity_expires_at',
        'hooks_activity_pkey',
        'hooks_claims',
        'hooks_claims_expires_at',
        'hooks_claims_pkey',
        'hooks_conversations',
        'hooks_conversations_expires_at',
        'hooks_conversations_pkey',
        'hooks_conversations_user',
        'hooks_messages',
        'hooks_messages_expires_at',
        'hooks_messages_pkey',
      ]);
    } finally {
      await dropSchema(pool, own);
    }
  });

  it('works on tables made from the exported SQL, without creating any', async () => {
    const own = uniqueName('rcs_migrated');
    const client = await pool.connect();
    try {
      await client.query(`CREATE SCHEMA "${own}"`);
      await client.query(`SET search_path TO "${own}"`);
      await client.query(POSTGRES_SCHEMA_SQL);
      await client.query(POSTGRES_SCHEMA_SQL); // idempotent
      const store = postgresStore({ pool: client, createTables: false, cleanupIntervalMs: 0 });
      expect(await store.claim('k', 60_000)).toBe('claimed');
      expect(await tables(own)).toContain('rcs_claims');
      expect(postgresSchemaSql({ schema: own })).toContain(`CREATE SCHEMA IF NOT EXISTS "${own}"`);
    } finally {
      await client.query('RESET search_path');
      client.release();
      await dropSchema(pool, own);
    }
  });

  it('ignores expired rows and prunes them', async () => {
    const clock = { now: Date.now() };
    const store = postgresStore({
      pool,
      schema,
      messageTtlMs: 1_000,
      cleanupIntervalMs: 0,
      now: () => clock.now,
    });
    const messageId = uniqueName('m');
    const key = uniqueName('k');
    const base = { provider: 'prune', messageId, providerStatus: 'x', receivedAt: 1 };
    await store.recordStatus({ ...base, status: 'read', eventId: 'a' });
    await store.complete(key, 1_000);
    clock.now += 1_000;
    expect(await store.getMessage('prune', messageId)).toBeUndefined();
    // An expired record starts over, as if it had never been stored.
    const fresh = await store.recordStatus({ ...base, status: 'sent', eventId: 'b' });
    expect(fresh).toMatchObject({
      superseded: false,
      record: { status: 'sent', history: [{ eventId: 'b' }] },
    });
    await store.prune();
    const left = await pool.query(`SELECT claim_key FROM "${schema}".rcs_claims WHERE claim_key = $1`, [key]);
    expect(left.rows).toEqual([]);
    expect(await store.getMessage('prune', messageId)).toMatchObject({ status: 'sent' });
  });

  it('rejects unsafe names and missing connections', () => {
    expect(() => postgresStore({ pool, schema: 'x"; DROP TABLE y; --' })).toThrow(/schema/);
    expect(() => postgresStore({ pool, tablePrefix: 'bad-prefix' })).toThrow(/tablePrefix/);
    expect(() => postgresStore({ pool, tablePrefix: 'x'.repeat(40) })).toThrow(/tablePrefix/);
    // @ts-expect-error neither a pool nor a connection string
    expect(() => postgresStore({})).toThrow(/pool.*connectionString/);
  });
});
