import {
  POSTGRES_SCHEMA_SQL,
  type PostgresStore,
  postgresSchemaSql,
  postgresStore,
} from 'rcs-webhooks/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeContract } from './contract.js';
import { inboxContract } from './inbox-contract.js';
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

  // Each inbox contract case gets its own tables (a fresh prefix), so its inbox starts empty.
  const inboxPrefix = () => `${uniqueName('ib')}_`;
  inboxContract(
    'postgresStore (pool)',
    (clock) =>
      postgresStore({ pool, schema, tablePrefix: inboxPrefix(), cleanupIntervalMs: 0, now: () => clock.now }),
    true,
  );
  inboxContract(
    'postgresStore (connection string)',
    (clock) => {
      const store = postgresStore({
        connectionString: DATABASE_URL,
        schema,
        tablePrefix: inboxPrefix(),
        maxConnections: 3,
        now: () => clock.now,
      });
      opened.push(store);
      return store;
    },
    true,
  );

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
        'hooks_inbox',
        'hooks_inbox_dead_letters',
        'hooks_inbox_due',
        'hooks_inbox_pkey',
        'hooks_inbox_seq_seq',
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
      expect(await store.inbox.enqueue([{ key: 'k', payload: '{}' }])).toBe(1);
      expect(await tables(own)).toContain('rcs_claims');
      expect(await tables(own)).toContain('rcs_inbox');
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

  describe('inbox', () => {
    const items = (keys: string[]) => keys.map((key) => ({ key, payload: `{"id":"${key}"}` }));

    it('hands entries enqueued together out in the order given, across stores and pools', async () => {
      const tablePrefix = inboxPrefix();
      const clock = { now: 5_000 };
      const own = [testPool(DATABASE_URL, 4), testPool(DATABASE_URL, 4)];
      const [one, two] = own.map((p) =>
        postgresStore({ pool: p, schema, tablePrefix, cleanupIntervalMs: 0, now: () => clock.now }),
      );
      try {
        const keys = Array.from({ length: 240 }, (_, index) => `z${(index * 7919) % 240}`);
        expect(await one?.inbox?.enqueue(items(keys))).toBe(240);
        expect(keys.slice(0, 10)).not.toEqual([...keys.slice(0, 10)].sort());
        // One taker alone gets them in the order given (same clock time: enqueue order).
        const first = (await two?.inbox?.take(10, 60_000)) ?? [];
        expect(first.map((entry) => entry.key)).toEqual(keys.slice(0, 10));
        // Many takers on two pools never share an entry.
        const taken = first.map((entry) => entry.key);
        for (;;) {
          const round = await Promise.all(
            Array.from({ length: 8 }, (_, index) => (index % 2 ? one : two)?.inbox?.take(9, 60_000) ?? []),
          );
          const keysTaken = round.flat().map((entry) => entry.key);
          if (keysTaken.length === 0) break;
          taken.push(...keysTaken);
        }
        expect(taken).toHaveLength(240);
        expect(new Set(taken)).toEqual(new Set(keys));
        expect(await one?.inbox?.counts()).toEqual({ pending: 240, deadLetters: 0 });
      } finally {
        await Promise.all(own.map((p) => p.end()));
      }
    });

    it('keeps entries across store instances (durable in the table)', async () => {
      const tablePrefix = inboxPrefix();
      const first = postgresStore({ connectionString: DATABASE_URL, schema, tablePrefix, maxConnections: 1 });
      await first.inbox.enqueue(items(['kept']));
      await first.close();
      const second = postgresStore({ pool, schema, tablePrefix, cleanupIntervalMs: 0 });
      expect(await second.inbox.take(5, 60_000)).toMatchObject([{ key: 'kept', payload: '{"id":"kept"}' }]);
    });

    it('is added by setup to a database made by the previous schema version, idempotently', async () => {
      const own = uniqueName('rcs_upgrade');
      const before = postgresSchemaSql({ schema: own });
      const previous = before.slice(0, before.indexOf('-- The durable inbox'));
      expect(previous).not.toMatch(/inbox/);
      try {
        await pool.query(previous);
        // A row written under the previous version: a completed claim.
        await pool.query(`INSERT INTO "${own}".rcs_claims VALUES ('done', NULL, NULL, $1)`, [
          Date.now() + 60_000,
        ]);
        const store = postgresStore({ pool, schema: own, cleanupIntervalMs: 0 });
        await Promise.all([
          store.ready(),
          postgresStore({ pool, schema: own, cleanupIntervalMs: 0 }).ready(),
        ]);
        await postgresStore({ pool, schema: own, cleanupIntervalMs: 0 }).ready();
        await pool.query(postgresSchemaSql({ schema: own }));
        expect(await store.claim('done', 60_000)).toBe('duplicate');
        expect(await store.inbox.enqueue(items(['a', 'b']))).toBe(2);
        expect(await tables(own)).toEqual(expect.arrayContaining(['rcs_inbox', 'rcs_inbox_due']));
      } finally {
        await dropSchema(pool, own);
      }
    });

    it('renews a lease that ran out while nobody took it again, never a dead letter', async () => {
      const clock = { now: 1_000 };
      const store = postgresStore({
        pool,
        schema,
        tablePrefix: inboxPrefix(),
        cleanupIntervalMs: 0,
        now: () => clock.now,
      });
      await store.inbox.enqueue(items(['late', 'dead']));
      const [late, dead] = await store.inbox.take(2, 1_000);
      clock.now += 5_000; // both leases ran out; nobody took them since
      expect(await store.inbox.extend('late', late?.leaseToken ?? '', 1_000)).toBe(true);
      await store.inbox.deadLetter('dead', dead?.leaseToken ?? '', 'Error: gone');
      expect(await store.inbox.extend('dead', dead?.leaseToken ?? '', 1_000)).toBe(false);
      await store.inbox.postpone('dead', dead?.leaseToken ?? '', 0);
      expect(await store.inbox.counts()).toEqual({ pending: 1, deadLetters: 1 });
      expect(await store.inbox.take(2, 1_000)).toEqual([]);
      clock.now += 1_000;
      expect(await store.inbox.take(2, 1_000)).toMatchObject([{ key: 'late', attempts: 2 }]);
      expect(await store.inbox.listDeadLetters({ limit: 5, offset: 0 })).toMatchObject([
        { key: 'dead', attempts: 1, lastError: 'Error: gone' },
      ]);
    });

    it('round-trips a JSON payload whose strings hold NUL (escaped as \\u0000, in a text column)', async () => {
      const tablePrefix = inboxPrefix();
      const store = postgresStore({ pool, schema, tablePrefix, cleanupIntervalMs: 0 });
      const payload = JSON.stringify({ kind: 'message', id: 'm\u0000id', text: '\u0000' });
      expect(payload).not.toContain('\u0000');
      expect(payload).toContain('\\u0000');
      expect(await store.inbox.enqueue([{ key: 'bird:m', payload }])).toBe(1);
      const [entry] = await store.inbox.take(1, 60_000);
      expect(entry?.payload).toBe(payload);
      expect(JSON.parse(entry?.payload ?? '')).toMatchObject({ id: 'm\u0000id', text: '\u0000' });
      const column = await pool.query<{ type: string }>(
        `SELECT data_type AS type FROM information_schema.columns
         WHERE table_schema = $1 AND table_name = $2 AND column_name = 'payload'`,
        [schema, `${tablePrefix}inbox`],
      );
      expect(column.rows).toEqual([{ type: 'text' }]);
    });

    it('stores keys, payloads and errors PostgreSQL text cannot hold as they are (NUL, lone surrogates)', async () => {
      const store = postgresStore({ pool, schema, tablePrefix: inboxPrefix(), cleanupIntervalMs: 0 });
      const hostile = ['a\u0000b', 'a\ud800', 'a\udbff', 'a\u0001d800'];
      const entries = hostile.map((text) => ({ key: text, payload: `${text}\u0000payload` }));
      expect(await store.inbox.enqueue([...items(['fine']), ...entries])).toBe(5);
      const taken = await store.inbox.take(10, 60_000);
      expect(taken.map(({ key, payload }) => ({ key, payload }))).toEqual([
        { key: 'fine', payload: '{"id":"fine"}' },
        ...entries,
      ]);
      for (const entry of taken)
        await store.inbox.deadLetter(entry.key, entry.leaseToken, `${entry.key}\ud800`);
      const letters = await store.inbox.listDeadLetters({ limit: 10, offset: 0 });
      expect(letters.map((letter) => letter.lastError)).toEqual(taken.map((entry) => `${entry.key}\ud800`));
      expect(await store.inbox.discard('a\udbff')).toBe(true);
      expect(await store.inbox.counts()).toEqual({ pending: 0, deadLetters: 4 });
    });
  });

  it('rejects unsafe names and missing connections', () => {
    expect(() => postgresStore({ pool, schema: 'x"; DROP TABLE y; --' })).toThrow(/schema/);
    expect(() => postgresStore({ pool, tablePrefix: 'bad-prefix' })).toThrow(/tablePrefix/);
    expect(() => postgresStore({ pool, tablePrefix: 'x'.repeat(40) })).toThrow(/tablePrefix/);
    // @ts-expect-error neither a pool nor a connection string
    expect(() => postgresStore({})).toThrow(/pool.*connectionString/);
  });
});
