/**
 * (4) Infobip delivery reports in batches through `rcs.handle()` in one process, against a bare
 * `JSON.parse` of the very same bodies. Each round builds fresh bodies (distinct message ids, so no
 * event is a duplicate), then times the two alternately (the order flips every round).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serveRpc } from '../lib/rpc.js';
import { BASIC, INFOBIP_PATH, infobipBatch } from '../lib/workloads.js';

export interface BatchParams {
  root: string;
  reportsPerBody: number;
  rounds: number;
  bodiesPerRound: number;
  /**
   * `fresh`: a new core (empty memory store) every round. `steady`: one core whose memory store is
   * first filled to its default cap (100,000 entries), as in a process that has run for a while.
   */
  store: 'fresh' | 'steady';
  /** Stop a round's rcs timing after this many seconds (whole bodies only). */
  maxSecondsPerRound: number;
}

export interface BatchRound {
  parseEventsPerSecond: number;
  rcsEventsPerSecond: number;
  rcsEvents: number;
}

export interface BatchResult {
  rounds: BatchRound[];
  problems: string[];
}

export interface BatchApi {
  measure(params: BatchParams): Promise<BatchResult>;
}

const DEFAULT_CAP = 100_000;
const WARMUP_BODIES = 50;
const authorization = `Basic ${Buffer.from(`${BASIC.username}:${BASIC.password}`).toString('base64')}`;
const decoder = new TextDecoder();

async function measure(params: BatchParams): Promise<BatchResult> {
  type Core = typeof import('../../src/index.js');
  const { createRcsWebhooks } = (await import(pathToFileURL(join(params.root, 'src/index.js')).href)) as Core;
  let handled = 0;
  const problems: string[] = [];
  const create = () => {
    const core = createRcsWebhooks({ providers: { infobip: { basic: BASIC } } });
    core.onAny(() => {
      handled++;
    });
    return core;
  };
  let core = create();
  if (params.store === 'steady') {
    // Warm the pipeline's code first, on a throwaway core: the prefill below only exercises the
    // store, and without this the first measured round was mostly JIT compilation, not eviction.
    const warm = create();
    for (let index = 0; index < WARMUP_BODIES; index++) {
      await warm.handle({
        method: 'POST',
        url: `http://127.0.0.1${INFOBIP_PATH}`,
        headers: { 'content-type': 'application/json', authorization },
        body: Buffer.from(infobipBatch(params.reportsPerBody)),
      });
    }
    // What DEFAULT_CAP events leave behind: one done claim and one message record each.
    const now = Date.now();
    for (let index = 0; index < DEFAULT_CAP; index++) {
      const key = `infobip:delivery:prefill-${index}:DELIVERED:DELIVERED_TO_HANDSET:RCS`;
      await core.store.claim(key, 60_000);
      await core.store.complete(key, 7 * 86_400_000);
      await core.store.recordStatus({
        provider: 'infobip',
        messageId: `prefill-${index}`,
        status: 'delivered',
        providerStatus: 'DELIVERED_TO_HANDSET',
        eventId: `delivery:prefill-${index}:DELIVERED:DELIVERED_TO_HANDSET:RCS`,
        receivedAt: now,
      });
    }
  }

  const rounds: BatchRound[] = [];
  for (let round = 0; round < params.rounds; round++) {
    if (params.store === 'fresh') core = create();
    const bodies: Buffer[] = [];
    for (let index = 0; index < params.bodiesPerRound; index++) {
      bodies.push(Buffer.from(infobipBatch(params.reportsPerBody)));
    }
    const timeParse = () => {
      const started = performance.now();
      let events = 0;
      for (const body of bodies) {
        const value = JSON.parse(decoder.decode(body)) as { results: unknown[] };
        events += value.results.length;
      }
      return events / ((performance.now() - started) / 1000);
    };
    const timeRcs = async () => {
      const before = handled;
      const started = performance.now();
      let events = 0;
      for (const body of bodies) {
        const response = await core.handle({
          method: 'POST',
          url: `http://127.0.0.1${INFOBIP_PATH}`,
          headers: { 'content-type': 'application/json', authorization },
          body,
        });
        if (response.status !== 200) problems.push(`rcs.handle answered ${response.status} ${response.body}`);
        events += params.reportsPerBody;
        if (performance.now() - started > params.maxSecondsPerRound * 1000) break;
      }
      const seconds = (performance.now() - started) / 1000;
      if (handled - before !== events) problems.push(`handled ${handled - before} of ${events} events`);
      return { rate: events / seconds, events };
    };
    let parse: number;
    let rcs: { rate: number; events: number };
    if (round % 2 === 0) {
      parse = timeParse();
      rcs = await timeRcs();
    } else {
      rcs = await timeRcs();
      parse = timeParse();
    }
    rounds.push({ parseEventsPerSecond: parse, rcsEventsPerSecond: rcs.rate, rcsEvents: rcs.events });
  }
  return { rounds, problems: [...new Set(problems)].slice(0, 5) };
}

serveRpc<BatchApi>({ measure });
