import { randomUUID } from 'node:crypto';
import type { ClaimOutcome, ConversationRecord } from '../src/store/types.js';
import { recordActivity, startConversation } from './postgres/activity.js';
import { postgresInbox } from './postgres/inbox.js';
import { inboxStatements } from './postgres/inbox-statements.js';
import { openPool, type PostgresStore, type PostgresStoreOptions } from './postgres/options.js';
import { json, toMessage } from './postgres/rows.js';
import { storeSetup } from './postgres/setup.js';
import { statements } from './postgres/statements.js';
import { tableNames } from './postgres/tables.js';
import { conversationTtlMs, positiveMs, resolveSharedOptions } from './shared/options.js';
import { splitUpdate } from './shared/records.js';
import { escapedJson, escapeOptional, escapeText } from './shared/text-escape.js';
import { closed, withTimeout } from './shared/timeout.js';

export type { PostgresStore, PostgresStoreOptions } from './postgres/options.js';
export type { PgPoolLike, PgRow } from './postgres/pool.js';
export { POSTGRES_SCHEMA_SQL, postgresSchemaSql } from './postgres/schema.js';
export type { TableOptions as PostgresTableOptions } from './postgres/tables.js';

/**
 * A ConversationStore in PostgreSQL, shared by every instance of an app. Every write is one atomic
 * statement; rows carry an expiry (epoch ms by the store's clock), are ignored once expired and
 * deleted by a periodic cleanup. The durable inbox (`inbox`) is the exception: its rows never expire.
 */
export function postgresStore(options: PostgresStoreOptions): PostgresStore {
  const shared = resolveSharedOptions('postgresStore', options);
  const { now, timeoutMs } = shared;
  const tables = tableNames(options);
  const sql = statements(tables);
  const { db, end } = openPool(options, timeoutMs);
  const prune = async () => {
    const at = Math.floor(now());
    for (const statement of sql.prune) await db.query(statement, [at]);
  };
  const setup = storeSetup(db, options, prune);
  let closing: Promise<void> | undefined;
  const call = <T>(what: string, run: () => Promise<T>): Promise<T> =>
    // Once closed, a call would create the pool (and the cleanup timer) again: refused instead.
    closing === undefined
      ? withTimeout(setup.initialize().then(run), timeoutMs, `postgresStore.${what}`)
      : Promise.reject(closed('postgresStore'));
  const rows = async (text: string, values: unknown[]) => (await db.query(text, values)).rows;

  return {
    inbox: postgresInbox(rows, inboxStatements(tables), now, call),

    claim: (key, leaseMs, token) =>
      call('claim', async (): Promise<ClaimOutcome> => {
        const lease = positiveMs('postgresStore', 'leaseMs', leaseMs, leaseMs);
        const at = Math.floor(now());
        // Without a token of the caller's, a fresh one still tells whether this claim took the row.
        const [row] = await rows(sql.claim, [escapeText(key), token ?? randomUUID(), at, at + lease]);
        if (row?.claimed === true) return 'claimed';
        return row?.done === true ? 'duplicate' : 'in_progress';
      }),

    extend: (key, token, leaseMs) =>
      call('extend', async () => {
        const lease = positiveMs('postgresStore', 'leaseMs', leaseMs, leaseMs);
        const at = Math.floor(now());
        return (await rows(sql.extendClaim, [escapeText(key), token, at, at + lease])).length > 0;
      }),

    complete: (key, ttlMs, token) =>
      call('complete', async () => {
        const ttl = positiveMs('postgresStore', 'ttlMs', ttlMs, ttlMs);
        const at = Math.floor(now());
        await db.query(sql.complete, [escapeText(key), at + ttl, token ?? null, at]);
      }),

    release: (key, token) =>
      call('release', async () => {
        await db.query(sql.release, [escapeText(key), token ?? null]);
      }),

    recordStatus: (update) =>
      call('recordStatus', async () => {
        const { change, recipient, sender } = splitUpdate(update);
        const at = Math.floor(now());
        const [row] = await rows(sql.recordStatus, [
          update.provider,
          escapeText(update.messageId),
          change.status,
          escapeText(change.providerStatus),
          escapeOptional(recipient) ?? null,
          escapeOptional(sender) ?? null,
          escapedJson(change),
          at,
          at + shared.messageTtlMs,
          escapeText(change.eventId),
        ]);
        if (row === undefined) throw new Error('rcs-webhooks: recordStatus returned no row');
        const record = toMessage(update.provider, update.messageId, row);
        // The stored status became the incoming one, unless the report was out of date (then they differ).
        return { superseded: record.status !== change.status, record };
      }),

    getMessage: (provider, messageId) =>
      call('getMessage', async () => {
        const [row] = await rows(sql.getMessage, [provider, escapeText(messageId), Math.floor(now())]);
        return row === undefined ? undefined : toMessage(provider, messageId, row);
      }),

    saveConversation: (record) =>
      call('saveConversation', async () => {
        const at = Math.floor(now());
        await db.query(sql.saveConversation, [
          record.provider,
          escapeText(record.conversationId),
          escapeOptional(record.user) ?? null,
          escapeOptional(record.agent) ?? null,
          record.startsAt ?? null,
          record.endsAt ?? null,
          escapedJson(record),
          at + conversationTtlMs(record, at, shared.conversationTtlMs),
        ]);
      }),

    getConversation: (provider, conversationId) =>
      call('getConversation', async () => {
        const at = Math.floor(now());
        const [row] = await rows(sql.getConversation, [provider, escapeText(conversationId), at]);
        return row === undefined ? undefined : json<ConversationRecord>(row.record);
      }),

    findConversation: (query) =>
      call('findConversation', async () => {
        const at = query.at === undefined ? now() : +query.at;
        const [row] = await rows(sql.findConversation, [
          query.provider,
          escapeText(query.user),
          escapeOptional(query.agent) ?? null,
          at,
          Math.floor(now()),
        ]);
        return row === undefined ? undefined : json<ConversationRecord>(row.record);
      }),

    recordActivity: (activity, window) =>
      call('recordActivity', () => recordActivity(rows, sql, now(), activity, window)),

    startConversation: (record) =>
      call('startConversation', () => {
        const at = now();
        return startConversation(
          rows,
          sql,
          at,
          record,
          conversationTtlMs(record, at, shared.conversationTtlMs),
        );
      }),

    ready: () => call('ready', async () => {}),

    prune: () => call('prune', prune),

    close: () => {
      closing ??= (async () => {
        setup.stop();
        await end();
      })();
      return closing;
    },
  };
}
