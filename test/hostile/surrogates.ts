import fc from 'fast-check';
import { type ConversationStore, createRcsWebhooks, type RcsEvent } from 'rcs-webhooks';
import { INFOBIP_BASIC, signedInfobip } from '../helpers/infobip.js';

/**
 * Pieces of hostile ids: lone surrogates (high and low, so that concatenations sometimes form a
 * valid pair), NUL, the stores' escape character and text that looks like an escaped id, U+FFFD
 * (what a UTF-8 client turns a lone surrogate into), a valid pair, a separator.
 */
const PIECES = [
  'a',
  '\ud800',
  '\udbff',
  '\udc00',
  '\ud83d',
  '\ude00',
  '\ud83d\ude00',
  '\u0000',
  '\u0001',
  'd800',
  '\ufffd',
  ':',
  '\\',
] as const;

export const hostileText = fc
  .array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 4 })
  .map((pieces) => pieces.join(''));

const STATUSES = [
  { groupId: 3, groupName: 'DELIVERED', id: 5, name: 'DELIVERED_TO_HANDSET' },
  { groupId: 1, groupName: 'PENDING', id: 7, name: 'PENDING_ENROUTE' },
] as const;

/**
 * One Infobip item (a delivery report or an inbound message) whose ids are hostile. Every other
 * field is a function of its id, so two items with the same id are the same event, whatever the
 * pipeline makes of it (a delivery, an inbound message, or an `unsupported` event).
 */
export const hostileItem = fc.oneof(
  fc.record({ kind: fc.constant('delivery' as const), id: hostileText, status: fc.constantFrom(0, 1) }),
  fc.record({ kind: fc.constant('inbound' as const), id: hostileText, status: fc.constant(0) }),
);
export type HostileItem = typeof hostileItem extends fc.Arbitrary<infer T> ? T : never;

/** A run: batches sent in order, then some of them again (a provider's retries). */
export const hostileRun = fc.record({
  batches: fc.array(fc.array(hostileItem, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 3 }),
  resend: fc.array(fc.nat(), { maxLength: 3 }),
});

/** The Infobip body of an item; `run` keeps runs on a shared store apart. */
export function itemBody(run: string, item: HostileItem): Record<string, unknown> {
  const id = `${run}${item.id}`;
  if (item.kind === 'inbound') {
    return {
      sender: `user${id}`,
      to: `agent${id}`,
      integrationType: 'RCS',
      receivedAt: '2024-06-14T09:12:00.000+0000',
      messageId: id,
      message: { text: `text${id}`, type: 'TEXT' },
    };
  }
  return {
    messageId: id,
    to: `user${id}`,
    sender: `agent${id}`,
    sentAt: '2026-05-22T10:10:00.000+0000',
    doneAt: '2026-05-22T10:10:01.000+0000',
    status: STATUSES[item.status],
    conversation: { canInitiate: false, id: `conversation${id}` },
  };
}

/** What a run on `store` saw: every answer, every handler call, every error reported. */
export async function sendRun(
  store: ConversationStore,
  run: string,
  batches: HostileItem[][],
  resend: number[],
  mode: 'inline' | 'inbox',
) {
  const rcs = createRcsWebhooks({
    providers: { infobip: { basic: INFOBIP_BASIC } },
    store,
    ...(mode === 'inbox' ? { inbox: { autoStart: false, retryDelayMs: 0 } } : {}),
  });
  const handled: RcsEvent[] = [];
  const errors: Error[] = [];
  rcs.onAny((event) => {
    handled.push(event);
  });
  rcs.onError((error) => {
    errors.push(error);
  });
  const statuses: number[] = [];
  const requests = [...batches, ...resend.map((index) => batches[index % batches.length] ?? [])];
  for (const batch of requests) {
    const request = await signedInfobip({ results: batch.map((item) => itemBody(run, item)) });
    statuses.push((await rcs.handle(request)).status);
    if (mode === 'inbox') await rcs.inbox.drain();
  }
  return { statuses, handled, errors };
}

/** Distinct events of a run: items with the same kind, id and status are one event. */
export function distinctEvents(batches: HostileItem[][]): number {
  return new Set(batches.flat().map((item) => `${item.kind} ${item.status} ${JSON.stringify(item.id)}`)).size;
}

/** How often each event ran, by kind and id (sessions derived from them excluded). */
export function runsPerEvent(handled: RcsEvent[]): Map<string, number> {
  const runs = new Map<string, number>();
  for (const event of handled) {
    if (event.kind === 'conversationStarted') continue;
    const key = `${event.kind} ${JSON.stringify(event.id)}`;
    runs.set(key, (runs.get(key) ?? 0) + 1);
  }
  return runs;
}
