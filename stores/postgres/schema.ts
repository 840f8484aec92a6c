import { type TableOptions, tableNames } from './tables.js';

/**
 * The tables and indexes of postgresStore, as idempotent DDL (IF NOT EXISTS throughout). The store
 * runs it on first use unless `createTables: false`; export it into your own migrations otherwise.
 * Times are epoch milliseconds; `expires_at` rows are ignored by reads and deleted by cleanup. A
 * database made by an earlier version gains the inbox table the next time this runs.
 */
export function postgresSchemaSql(options: TableOptions = {}): string {
  const t = tableNames(options);
  return `${t.schema === undefined ? '' : `CREATE SCHEMA IF NOT EXISTS ${t.schema};\n\n`}CREATE TABLE IF NOT EXISTS ${t.claims} (
  claim_key   text PRIMARY KEY,
  token       text,    -- who holds the lease; NULL once done
  lease_until bigint,  -- lease end; NULL once done
  expires_at  bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS ${t.index('claims_expires_at')} ON ${t.claims} (expires_at);

CREATE TABLE IF NOT EXISTS ${t.messages} (
  provider        text NOT NULL,
  message_id      text NOT NULL,
  status          text NOT NULL,
  provider_status text NOT NULL,
  recipient       text,
  sender          text,
  history         jsonb NOT NULL,  -- every distinct report, in arrival order
  expires_at      bigint NOT NULL,
  PRIMARY KEY (provider, message_id)
);
CREATE INDEX IF NOT EXISTS ${t.index('messages_expires_at')} ON ${t.messages} (expires_at);

CREATE TABLE IF NOT EXISTS ${t.conversations} (
  provider        text NOT NULL,
  conversation_id text NOT NULL,
  end_user        text,
  agent           text,
  starts_at       double precision,  -- copied from the record for findConversation
  ends_at         double precision,
  record          jsonb NOT NULL,
  expires_at      bigint NOT NULL,
  PRIMARY KEY (provider, conversation_id)
);
CREATE INDEX IF NOT EXISTS ${t.index('conversations_user')}
  ON ${t.conversations} (provider, end_user, starts_at DESC) WHERE end_user IS NOT NULL;
CREATE INDEX IF NOT EXISTS ${t.index('conversations_expires_at')} ON ${t.conversations} (expires_at);

CREATE TABLE IF NOT EXISTS ${t.activity} (
  provider      text NOT NULL,
  end_user      text NOT NULL,
  messages      jsonb NOT NULL,  -- { message id: [direction 'b' | 'u', at, agent | null] }
  conversations jsonb NOT NULL,  -- derived: { conversation id: [start, end, agent | null] }
  expires_at    bigint NOT NULL,
  PRIMARY KEY (provider, end_user)
);
CREATE INDEX IF NOT EXISTS ${t.index('activity_expires_at')} ON ${t.activity} (expires_at);

-- The durable inbox: rows never expire; they leave when acknowledged or discarded.
CREATE TABLE IF NOT EXISTS ${t.inbox} (
  key         text PRIMARY KEY,
  payload     text NOT NULL,
  attempts    integer NOT NULL DEFAULT 0,
  enqueued_at bigint NOT NULL,
  due_at      bigint NOT NULL,  -- when it may be taken: enqueued, retry delay over, or lease end
  lease_token text,             -- the current lease; NULL when waiting or dead
  last_error  text,
  dead_at     bigint,           -- set: a dead letter, never taken
  seq         bigserial NOT NULL  -- enqueue order, the tie-break
);
CREATE INDEX IF NOT EXISTS ${t.index('inbox_due')} ON ${t.inbox} (due_at, seq) WHERE dead_at IS NULL;
CREATE INDEX IF NOT EXISTS ${t.index('inbox_dead_letters')} ON ${t.inbox} (dead_at, seq) WHERE dead_at IS NOT NULL;
`;
}

/**
 * The DDL with the default names (`rcs_claims`, `rcs_messages`, `rcs_conversations`, `rcs_activity`,
 * `rcs_inbox` in the search_path).
 */
export const POSTGRES_SCHEMA_SQL = postgresSchemaSql();

/**
 * What the store runs: the DDL in one transaction behind an advisory lock, because concurrent
 * `CREATE TABLE IF NOT EXISTS` from several instances starting at once can still collide.
 */
export function createTablesSql(options: TableOptions): string {
  return `SELECT pg_advisory_xact_lock(hashtext('rcs-webhooks schema'));\n${postgresSchemaSql(options)}`;
}
