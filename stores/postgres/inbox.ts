import { randomUUID } from 'node:crypto';
import type { DeadLetterEntry, InboxEntry, InboxItem, InboxStore } from '../../src/store/inbox.js';
import { positiveMs } from '../shared/options.js';
import { escapeText, unescapeText } from '../shared/text-escape.js';
import type { InboxStatements } from './inbox-statements.js';
import type { PgRow } from './pool.js';

type Rows = (text: string, values: unknown[]) => Promise<PgRow[]>;
type Call = <T>(what: string, run: () => Promise<T>) => Promise<T>;

/**
 * postgresStore's inbox: one row per entry in `<prefix>inbox`, every method one statement. Durable
 * once the statement commits, provided commits are synchronous (`synchronous_commit = on`, the
 * default). Times are the store's clock, passed as parameters.
 */
export function postgresInbox(rows: Rows, sql: InboxStatements, now: () => number, call: Call): InboxStore {
  const at = () => Math.floor(now());
  return {
    durable: true,

    enqueue: (entries) =>
      call('inbox.enqueue', async () => {
        // A key given twice is added once, with its first payload.
        const fresh = new Map<string, string>();
        for (const { key, payload } of entries) {
          const stored = escapeText(key);
          if (!fresh.has(stored)) fresh.set(stored, escapeText(payload));
        }
        if (fresh.size === 0) return 0;
        const [row] = await rows(sql.enqueue, [[...fresh.keys()], [...fresh.values()], at()]);
        return Number(row?.added ?? 0);
      }),

    take: (limit, leaseMs) =>
      call('inbox.take', async (): Promise<InboxEntry[]> => {
        const lease = positiveMs('postgresStore', 'leaseMs', leaseMs, leaseMs);
        const count = whole(limit);
        if (count < 1) return [];
        const time = at();
        const leaseToken = randomUUID();
        const taken = await rows(sql.take, [time, count, leaseToken, time + lease]);
        return taken.map((row) => ({ ...item(row), leaseToken }));
      }),

    extend: (key, leaseToken, leaseMs) =>
      call('inbox.extend', async () => {
        const lease = positiveMs('postgresStore', 'leaseMs', leaseMs, leaseMs);
        return (await rows(sql.extend, [escapeText(key), leaseToken, at() + lease])).length > 0;
      }),

    postpone: (key, leaseToken, delayMs) =>
      call('inbox.postpone', async () => {
        await rows(sql.postpone, [escapeText(key), leaseToken, at() + delay('postpone', delayMs)]);
      }),

    ack: (key, leaseToken) =>
      call('inbox.ack', async () => {
        await rows(sql.ack, [escapeText(key), leaseToken]);
      }),

    retry: (key, leaseToken, delayMs, error) =>
      call('inbox.retry', async () => {
        await rows(sql.retry, [
          escapeText(key),
          leaseToken,
          at() + delay('retry', delayMs),
          escapeText(error),
        ]);
      }),

    deadLetter: (key, leaseToken, error) =>
      call('inbox.deadLetter', async () => {
        await rows(sql.deadLetter, [escapeText(key), leaseToken, at(), escapeText(error)]);
      }),

    listDeadLetters: ({ limit, offset }) =>
      call('inbox.listDeadLetters', async (): Promise<DeadLetterEntry[]> => {
        const letters = await rows(sql.listDeadLetters, [whole(limit), whole(offset)]);
        return letters.map((row) => {
          const { lastError, ...rest } = item(row);
          return {
            ...rest,
            deadAt: Number(row.dead_at),
            ...(lastError === undefined ? {} : { lastError }),
          };
        });
      }),

    replay: (key) =>
      call('inbox.replay', async () => (await rows(sql.replay, [escapeText(key), at()])).length > 0),

    discard: (key) =>
      call('inbox.discard', async () => (await rows(sql.discard, [escapeText(key)])).length > 0),

    counts: () =>
      call('inbox.counts', async () => {
        const [row] = await rows(sql.counts, []);
        return { pending: Number(row?.pending ?? 0), deadLetters: Number(row?.dead_letters ?? 0) };
      }),
  };
}

/** An entry's stored fields (bigint columns arrive as strings; text as the store escaped it). */
function item(row: PgRow): InboxItem & Omit<InboxEntry, 'leaseToken' | keyof InboxItem> {
  const lastError = row.last_error;
  return {
    key: unescapeText(String(row.key)),
    payload: unescapeText(String(row.payload)),
    attempts: Number(row.attempts),
    enqueuedAt: Number(row.enqueued_at),
    ...(typeof lastError === 'string' ? { lastError: unescapeText(lastError) } : {}),
  };
}

function delay(method: string, ms: number): number {
  if (!Number.isFinite(ms) || ms < 0) {
    throw new RangeError(
      `rcs-webhooks: postgresStore inbox.${method}: delayMs must be 0 or more milliseconds`,
    );
  }
  return Math.ceil(ms);
}

/** A LIMIT or OFFSET: a whole number within PostgreSQL's int (NaN counts as 0). */
function whole(value: number): number {
  return Number.isNaN(value) ? 0 : Math.min(2 ** 31 - 1, Math.max(0, Math.floor(value)));
}
