import { randomUUID } from 'node:crypto';
import type { DeadLetterEntry, InboxEntry, InboxItem, InboxStore } from '../../src/store/inbox.js';
import { positiveMs } from '../shared/options.js';
import { escapeText, unescapeText } from '../shared/text-escape.js';
import type { RedisConnection } from './connection.js';
import {
  INBOX_ACK,
  INBOX_COUNTS,
  INBOX_DEAD_LETTER,
  INBOX_DISCARD,
  INBOX_ENQUEUE,
  INBOX_EXTEND,
  INBOX_LIST_DEAD,
  INBOX_POSTPONE,
  INBOX_REPLAY,
  INBOX_RETRY,
  INBOX_TAKE,
} from './inbox-scripts.js';
import type { RedisKeys } from './keys.js';
import { list, text, unexpected } from './replies.js';
import { runScript } from './scripts.js';

/** Runs one store call, bounded by the store's timeout. */
type Call = <T>(what: string, run: () => Promise<T>) => Promise<T>;

/**
 * The Redis store's durable inbox: each method is one Lua script (one round trip, atomic), so the
 * workers of every instance can share it. Its keys have no TTL: entries and dead letters stay until
 * handled or discarded, and survive what Redis's own persistence survives.
 */
export function redisInbox(
  connection: RedisConnection,
  keys: RedisKeys,
  now: () => number,
  call: Call,
): InboxStore {
  const clock = () => Math.floor(now());
  const run = (script: Parameters<typeof runScript>[1], scriptKeys: string[], args: (string | number)[]) =>
    runScript(connection, script, scriptKeys, args);
  const { inboxQueue: queue, inboxDead: dead } = keys;
  /** The store-clock time `delayMs` from now (a negative delay is now). */
  const dueIn = (method: string, delayMs: number) => {
    if (!Number.isFinite(delayMs))
      throw new TypeError(`rcs-webhooks: inbox.${method} delayMs must be finite`);
    return clock() + Math.max(0, Math.ceil(delayMs));
  };

  return {
    durable: true,

    enqueue: (entries: readonly InboxItem[]) =>
      call('inbox.enqueue', async () => {
        if (entries.length === 0) return 0;
        const args: string[] = [String(clock())];
        for (const { key, payload } of entries) args.push(escapeText(key), escapeText(payload));
        return count(
          await run(
            INBOX_ENQUEUE,
            [queue, keys.inboxSequence, ...entries.map(({ key }) => keys.inboxEntry(key))],
            args,
          ),
        );
      }),

    take: (limit, leaseMs) =>
      call('inbox.take', async () => {
        const lease = positiveMs('redisStore', 'leaseMs', leaseMs, leaseMs);
        const most = rangeLength(limit);
        if (most === 0) return [];
        const at = clock();
        const token = randomUUID();
        const reply = await run(INBOX_TAKE, [queue], [at, at + lease, most, token, keys.inboxEntryPrefix]);
        return list(reply).map((row): InboxEntry => {
          const [key, payload, attempts, enqueuedAt, lastError] = list(row).map(stored);
          return {
            key: required(key),
            payload: required(payload),
            attempts: Number(required(attempts)),
            enqueuedAt: Number(required(enqueuedAt)),
            leaseToken: token,
            ...(lastError === undefined ? {} : { lastError }),
          };
        });
      }),

    extend: (key, leaseToken, leaseMs) =>
      call('inbox.extend', async () => {
        const lease = positiveMs('redisStore', 'leaseMs', leaseMs, leaseMs);
        return flag(await run(INBOX_EXTEND, [queue, keys.inboxEntry(key)], [leaseToken, clock() + lease]));
      }),

    postpone: (key, leaseToken, delayMs) =>
      call('inbox.postpone', async () => {
        await run(INBOX_POSTPONE, [queue, keys.inboxEntry(key)], [leaseToken, dueIn('postpone', delayMs)]);
      }),

    ack: (key, leaseToken) =>
      call('inbox.ack', async () => {
        await run(INBOX_ACK, [queue, keys.inboxEntry(key)], [leaseToken]);
      }),

    retry: (key, leaseToken, delayMs, error) =>
      call('inbox.retry', async () => {
        await run(
          INBOX_RETRY,
          [queue, keys.inboxEntry(key)],
          [leaseToken, dueIn('retry', delayMs), escapeText(error)],
        );
      }),

    deadLetter: (key, leaseToken, error) =>
      call('inbox.deadLetter', async () => {
        await run(
          INBOX_DEAD_LETTER,
          [queue, dead, keys.inboxEntry(key)],
          [leaseToken, clock(), escapeText(error)],
        );
      }),

    listDeadLetters: ({ limit, offset }) =>
      call('inbox.listDeadLetters', async () => {
        const most = rangeLength(limit);
        if (most === 0) return [];
        const first = Number.isFinite(offset) ? Math.max(0, Math.floor(offset)) : 0;
        const last = most === -1 ? -1 : first + most - 1;
        const reply = await run(INBOX_LIST_DEAD, [dead], [first, last, keys.inboxEntryPrefix]);
        return list(reply).map((row): DeadLetterEntry => {
          const [key, payload, attempts, enqueuedAt, deadAt, lastError] = list(row).map(stored);
          return {
            key: required(key),
            payload: required(payload),
            attempts: Number(required(attempts)),
            enqueuedAt: Number(required(enqueuedAt)),
            deadAt: Number(required(deadAt)),
            ...(lastError === undefined ? {} : { lastError }),
          };
        });
      }),

    replay: (key) =>
      call('inbox.replay', async () =>
        flag(await run(INBOX_REPLAY, [queue, dead, keys.inboxEntry(key)], [clock()])),
      ),

    discard: (key) =>
      call('inbox.discard', async () => flag(await run(INBOX_DISCARD, [dead, keys.inboxEntry(key)], []))),

    counts: () =>
      call('inbox.counts', async () => {
        const [pending, deadLetters] = list(await run(INBOX_COUNTS, [queue, dead], []));
        return { pending: count(pending), deadLetters: count(deadLetters) };
      }),
  };
}

/** A text reply as it was before the store escaped it (text-escape.ts). */
function stored(reply: unknown): string | undefined {
  const value = text(reply);
  return value === undefined ? undefined : unescapeText(value);
}

/** A limit as a range length: 0 for nothing, -1 for no limit (Infinity). */
function rangeLength(limit: number): number {
  if (limit === Number.POSITIVE_INFINITY) return -1;
  return Number.isFinite(limit) && limit >= 1 ? Math.floor(limit) : 0;
}

function count(reply: unknown): number {
  const value = Number(text(reply));
  if (!Number.isInteger(value)) throw unexpected(reply);
  return value;
}

function flag(reply: unknown): boolean {
  return count(reply) === 1;
}

function required(value: string | undefined): string {
  if (value === undefined) throw unexpected(value);
  return value;
}
