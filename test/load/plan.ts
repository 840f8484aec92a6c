import type { RcsEvent } from 'rcs-webhooks';
import { seededRandom } from '../helpers/seeded-random.js';
import {
  BATCH_PROVIDER,
  type BodyIds,
  infobipBatchBody,
  type LoadEventType,
  type LoadProvider,
  messageIdFor,
  SINGLE_EVENT_PROVIDERS,
  singleBody,
} from './templates.js';

/**
 * The load test's traffic, decided before anything is sent (deterministic for a seed): which events
 * exist, how they are grouped into requests, which requests are resent (duplicates), which status
 * reports arrive out of order, and which handlers fail on their first attempt.
 */

export interface PlanOptions {
  /** Distinct events (each must end handled exactly once). */
  events: number;
  /** Makes ids unique across runs sharing one store (8 lowercase hex digits). */
  runTag: string;
  seed?: number;
  /** Share of the events sent by the seven single-event providers (the rest: Infobip batches). Default 0.04. */
  singleShare?: number;
  /** Infobip `results[]` per request. Default 100. */
  batchSize?: number;
  /** Share of requests sent a second time, unchanged. Default 0.03. */
  duplicateRate?: number;
  /** Share of events whose handler throws on its first attempt. Default 0.05. */
  failRate?: number;
}

export interface PlannedEvent {
  /** Identifies the event from what a handler sees (see `eventKey`). */
  key: string;
  provider: LoadProvider;
  type: LoadEventType;
  ids: BodyIds;
  /** The handler's first attempt throws. Never for Google: its default policy acknowledges failures. */
  failFirst: boolean;
  /** A report sent after a more advanced one of the same message: it must be emitted `superseded`. */
  late: boolean;
  /** The key of the report of the same message that must be acknowledged before this one is sent. */
  after?: string;
}

export interface PlannedMessage {
  provider: LoadProvider;
  messageId: string;
  /** Its status reports, in the order they are sent. */
  reports: ('delivered' | 'read')[];
}

/** One body, signed once when first sent; a duplicate resends the very same request. */
export interface PlannedBody {
  provider: LoadProvider;
  text: string;
  events: PlannedEvent[];
}

export interface PlannedRequest {
  index: number;
  body: PlannedBody;
  /** Requests that must have been acknowledged (2xx) before this one is sent. */
  deps: number[];
  /** The index of the request this one resends. */
  duplicateOf?: number;
}

export interface LoadPlan {
  requests: PlannedRequest[];
  events: PlannedEvent[];
  messages: PlannedMessage[];
  /** Events per provider, and Infobip's batch count. */
  byProvider: Record<LoadProvider, number>;
  batches: number;
  duplicates: number;
  failFirst: number;
  reordered: number;
}

/** The key of an event as a handler sees it: provider, kind, message and (for reports) status. */
export function eventKey(event: RcsEvent): string | undefined {
  if (event.kind === 'delivery') return keyOf(event.provider, event.status, event.messageId);
  if (event.kind === 'inbound') return keyOf(event.provider, 'inbound', event.messageId);
  return undefined;
}

function keyOf(provider: string, type: string, messageId: string): string {
  return `${provider}|${type}|${messageId}`;
}

const between = (random: () => number, min: number, max: number) =>
  min + Math.floor(random() * (max - min + 1));

export function buildPlan(options: PlanOptions): LoadPlan {
  const random = seededRandom(options.seed ?? 20_260_522);
  const batchSize = options.batchSize ?? 100;
  const failRate = options.failRate ?? 0.05;
  const singleTotal = Math.round(options.events * (options.singleShare ?? 0.04));
  const counts = {} as Record<LoadProvider, number>;
  SINGLE_EVENT_PROVIDERS.forEach((provider, index) => {
    counts[provider] =
      Math.floor(singleTotal / SINGLE_EVENT_PROVIDERS.length) +
      (index < singleTotal % SINGLE_EVENT_PROVIDERS.length ? 1 : 0);
  });
  counts[BATCH_PROVIDER] = options.events - singleTotal;

  let serial = 0;
  const messages: PlannedMessage[] = [];
  // Each message is between the agent and one of `users` end users (a few messages each).
  const users = Math.min(9_999, Math.max(10, Math.floor(options.events / 20)));
  const newEvent = (
    provider: LoadProvider,
    type: LoadEventType,
    messageId: string,
    user: string,
  ): PlannedEvent => ({
    key: keyOf(provider, type, messageId),
    provider,
    type,
    ids: { messageId, eventId: `${type}-${messageId}`, user },
    failFirst: provider !== 'google' && random() < failRate,
    late: false,
  });

  /**
   * One provider's events in send order. A message's second report is placed `offset` events after
   * its first (Infobip: a few batches later), and is sent only once the first was acknowledged.
   */
  const sequence = (provider: LoadProvider, count: number, offset: [number, number]): PlannedEvent[] => {
    const events: PlannedEvent[] = [];
    const pending: { due: number; event: PlannedEvent }[] = [];
    let produced = 0;
    while (events.length < count) {
      let next = -1;
      for (let index = 0; index < pending.length; index++) {
        const item = pending[index];
        if (item !== undefined && (next < 0 || item.due < (pending[next]?.due ?? 0))) next = index;
      }
      const due = pending[next];
      if (due !== undefined && (due.due <= events.length || produced >= count)) {
        pending.splice(next, 1);
        events.push(due.event);
        continue;
      }
      const messageId = messageIdFor(provider, options.runTag, serial++);
      const user = String(between(random, 1, users)).padStart(4, '0');
      const roll = random();
      if (roll < 0.25) {
        events.push(newEvent(provider, 'inbound', messageId, user));
        produced += 1;
      } else if (roll < 0.6 || count - produced < 2 + offset[1]) {
        // (No pair near the end: its second report must still land `offset` events later.)
        events.push(newEvent(provider, 'delivered', messageId, user));
        messages.push({ provider, messageId, reports: ['delivered'] });
        produced += 1;
      } else {
        // Half in order (delivered, then read), half reordered (read, then the late delivered).
        const reports: ('delivered' | 'read')[] = roll < 0.8 ? ['delivered', 'read'] : ['read', 'delivered'];
        const [first, second] = reports.map((type) => newEvent(provider, type, messageId, user)) as [
          PlannedEvent,
          PlannedEvent,
        ];
        second.after = first.key;
        second.late = reports[0] === 'read';
        events.push(first);
        pending.push({ due: events.length + between(random, offset[0], offset[1]), event: second });
        messages.push({ provider, messageId, reports });
        produced += 2;
      }
    }
    return events;
  };

  // Each provider's requests, then merged so that every provider's traffic is spread over the run.
  const drafts: { order: number; body: PlannedBody }[] = [];
  // Late reports come 10 to 40 batches after the first (fewer in small runs), far enough that the
  // first was usually acknowledged already: waiting for it would idle a connection.
  const infobipCount = counts[BATCH_PROVIDER];
  const infobip = sequence(BATCH_PROVIDER, infobipCount, [
    Math.max(batchSize + 50, Math.min(1_000, Math.floor(infobipCount / 10))),
    Math.max(batchSize + 100, Math.min(4_000, Math.floor(infobipCount / 4))),
  ]);
  const batchCount = Math.ceil(infobip.length / batchSize);
  for (let batch = 0; batch < batchCount; batch++) {
    const events = infobip.slice(batch * batchSize, (batch + 1) * batchSize);
    const text = infobipBatchBody(events.map((event) => ({ type: event.type, ids: event.ids })));
    drafts.push({ order: (batch + 0.5) / batchCount, body: { provider: BATCH_PROVIDER, text, events } });
  }
  const allEvents = [...infobip];
  for (const provider of SINGLE_EVENT_PROVIDERS) {
    const events = sequence(provider, counts[provider], [3, 20]);
    allEvents.push(...events);
    events.forEach((event, index) => {
      const text = singleBody(provider, event.type, event.ids);
      drafts.push({ order: (index + 0.5) / events.length, body: { provider, text, events: [event] } });
    });
  }
  drafts.sort((a, b) => a.order - b.order);

  // Duplicates: a quarter resent at once (they race the original: 409 while it is being handled),
  // the others up to 300 requests later (acknowledged as duplicates).
  const duplicateRate = options.duplicateRate ?? 0.03;
  const placed: { position: number; draft: number; duplicateOf?: number }[] = drafts.map((_, index) => ({
    position: index,
    draft: index,
  }));
  drafts.forEach((_, index) => {
    if (random() >= duplicateRate) return;
    const offset = random() < 0.25 ? between(random, 0, 2) : between(random, 3, 300);
    placed.push({ position: index + offset + 0.5, draft: index, duplicateOf: index });
  });
  placed.sort((a, b) => a.position - b.position);

  const requestOfDraft = new Map<number, number>();
  placed.forEach((item, index) => {
    if (item.duplicateOf === undefined) requestOfDraft.set(item.draft, index);
  });
  const requestOfKey = new Map<string, number>();
  placed.forEach((item, index) => {
    if (item.duplicateOf !== undefined) return;
    for (const event of drafts[item.draft]?.body.events ?? []) requestOfKey.set(event.key, index);
  });
  const requests: PlannedRequest[] = placed.map((item, index) => {
    const body = drafts[item.draft]?.body;
    if (body === undefined) throw new Error('plan: missing draft');
    const deps = new Set<number>();
    for (const event of body.events) {
      const dep = event.after === undefined ? undefined : requestOfKey.get(event.after);
      if (dep === requestOfDraft.get(item.draft)) throw new Error(`plan: ${event.key} shares its request`);
      if (dep !== undefined) deps.add(dep);
    }
    const request: PlannedRequest = { index, body, deps: [...deps] };
    if (item.duplicateOf !== undefined) request.duplicateOf = requestOfDraft.get(item.duplicateOf) ?? -1;
    return request;
  });
  for (const request of requests) {
    for (const dep of request.deps) {
      if (dep >= request.index)
        throw new Error(`plan: request ${request.index} waits for a later one (${dep})`);
    }
  }

  return {
    requests,
    events: allEvents,
    messages,
    byProvider: counts,
    batches: batchCount,
    duplicates: requests.length - drafts.length,
    failFirst: allEvents.filter((event) => event.failFirst).length,
    reordered: allEvents.filter((event) => event.late).length,
  };
}
