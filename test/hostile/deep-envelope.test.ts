import fc from 'fast-check';
import { createRcsWebhooks, memoryStore, PayloadParseError, type RcsEvent } from 'rcs-webhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { exceedsJsonDepth } from '../../src/util/json-depth.js';
import {
  bodyCarriers,
  DEPTH_LIMIT,
  type DeepDocument,
  type DocumentCarrier,
  deepDocument,
  innerCarriers,
} from './deep-envelope.js';
import { type EntryPoint, entryPoints } from './entry-points.js';
import { toHostile } from './mutations.js';
import { checkAnswer, watchProcess } from './oracle.js';
import { IN_PROCESS_ORIGIN, signFor } from './setup.js';

/**
 * Deep documents inside signed envelopes (issue 13 item 10), for every provider that carries a
 * document inside its body and, as the same attack one level up, every provider whose signed body is
 * JSON; through every entry point, with handlers run inline and from the inbox. A validly signed
 * request is answered 200 whatever the nesting, nothing crashes, and no handler (here: one that
 * serializes every event, as a logger would) receives a value nested deeper than the limit: past it,
 * the request is one `unsupported` event without the deep part, and its PayloadParseError is reported.
 */

const encoder = new TextEncoder();
const watcher = watchProcess();
beforeAll(() => watcher.start());
afterEach(() => {
  expect(watcher.problems, 'unhandled rejections or uncaught exceptions').toEqual([]);
});
afterAll(() => watcher.stop());

type Mode = 'inline' | 'inbox';

/** In process as given; over HTTP a third of it (a deep request costs up to a megabyte on the wire). */
const runs = (entry: EntryPoint, inProcess: number) =>
  entry.origin === IN_PROCESS_ORIGIN ? inProcess : Math.max(4, Math.round(inProcess / 3));

function core(carrier: DocumentCarrier, mode: Mode) {
  const rcs = createRcsWebhooks({
    providers: { [carrier.sample.provider]: carrier.sample.options },
    ...(mode === 'inbox' ? { inbox: { autoStart: false }, store: memoryStore() } : {}),
  });
  const events: RcsEvent[] = [];
  const errors: Error[] = [];
  rcs.onAny((event) => {
    JSON.stringify(event);
    events.push(event);
  });
  rcs.onError((error) => {
    errors.push(error);
  });
  return { rcs, events, errors };
}

async function exchange(entry: EntryPoint, carrier: DocumentCarrier, mode: Mode, document: DeepDocument) {
  const { rcs, events, errors } = core(carrier, mode);
  entry.use(rcs);
  const body = carrier.wrap(document.text);
  const request = toHostile(await signFor(entry.origin, carrier.sample, body), entry.origin);
  const answer = await entry.send(request);
  checkAnswer(answer, { sample: carrier.sample, method: 'POST', body: encoder.encode(body), failing: false });
  if (mode === 'inbox') {
    await rcs.inbox.drain();
    expect(await rcs.inbox.counts()).toEqual({ pending: 0, deadLetters: 0 });
    await rcs.inbox.stop();
  }
  return { answer, events, errors };
}

function expectWithinLimit(document: DeepDocument, events: RcsEvent[], errors: Error[]) {
  expect(errors.filter((error) => error.name === 'HandlerError')).toEqual([]);
  for (const event of events) {
    expect(exceedsJsonDepth(event.raw, DEPTH_LIMIT), `${event.kind} event with a raw past the limit`).toBe(
      false,
    );
  }
  if (document.depth > DEPTH_LIMIT) {
    expect(events.map((event) => event.kind)).toEqual(['unsupported']);
    expect(errors).toContainEqual(expect.any(PayloadParseError));
  }
}

const carriers: [string, DocumentCarrier][] = [
  ...innerCarriers.map((carrier): [string, DocumentCarrier] => [
    `${carrier.sample.provider} inner document`,
    carrier,
  ]),
  ...bodyCarriers.map((carrier): [string, DocumentCarrier] => [`${carrier.sample.provider} body`, carrier]),
];

describe.each(entryPoints.map((kind) => [kind.name, kind] as const))('%s', (_name, kind) => {
  let entry: EntryPoint;
  beforeAll(async () => {
    entry = await kind.start();
  });
  afterAll(() => entry?.close());

  describe.each(carriers)('%s', (_what, carrier) => {
    for (const mode of ['inline', 'inbox'] as const) {
      it(`answers a signed deep document 200, and no ${mode} handler sees a value past ${DEPTH_LIMIT} levels`, async () => {
        await fc.assert(
          fc.asyncProperty(deepDocument(carrier), async (document) => {
            const { answer, events, errors } = await exchange(entry, carrier, mode, document);
            expect(answer.status).toBe(200);
            expectWithinLimit(document, events, errors);
          }),
          { numRuns: runs(entry, carrier.place === 'inner' ? 30 : 10) },
        );
      });
    }
  });
});
