import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { send } from '../helpers/http.js';
import { lockExample } from './conformance/example-lock.js';
import { httpEdgeSuite } from './conformance/http-edge.js';
import {
  buildNextExample,
  nextEnv,
  nextTarget,
  type RunningNext,
  startNext,
} from './conformance/next-app.js';
import { allProviders, fixtureBody, sampleOf, sign, wrongSigning } from './conformance/samples.js';
import { EventSink, serveSink } from './conformance/sink.js';
import { conformanceSuite } from './conformance/suite.js';

// A real Next.js app (examples/next), built once here and started with `next start` on loopback
// ports. A build failure fails this file: nothing is skipped.
let unlock = () => {};
beforeAll(async () => {
  unlock = await lockExample(600_000);
  await buildNextExample();
}, 900_000);
afterAll(() => unlock());

const appRouter = nextTarget('Next.js App Router (next start)', '/webhooks/rcs', {
  answersUnexportedMethods: true,
});
const pagesRouter = nextTarget('Next.js Pages Router (next start)', '/api/webhooks/rcs');
conformanceSuite(appRouter);
conformanceSuite(pagesRouter);
httpEdgeSuite(appRouter);
httpEdgeSuite(pagesRouter);

describe('Next.js App Router with waitUntil: after (RCS_ACKNOWLEDGE_EARLY=true)', () => {
  const sink = new EventSink();
  let app: RunningNext;
  let closeSink: () => Promise<void>;
  beforeAll(async () => {
    const served = await serveSink(sink);
    closeSink = served.close;
    app = await startNext({
      ...nextEnv({ providers: allProviders }),
      RCS_FORWARD_URL: served.url,
      RCS_ACKNOWLEDGE_EARLY: 'true',
    });
  });
  afterAll(async () => {
    await app?.close();
    await closeSink?.();
  });

  const sample = sampleOf('infobip');
  const url = () => `${app.base}/webhooks/rcs/${sample.provider}`;

  /** Resends until the event is no longer in progress in the background (409), as a provider would. */
  async function redeliver(request: Awaited<ReturnType<typeof sign>>) {
    for (let attempt = 0; ; attempt++) {
      const response = await send(app.base, request);
      if (response.status !== 409 || attempt === 50) return response;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('answers 200 while the handlers are still running, and finishes them after the response', async () => {
    const signed = await sign(sample, url(), fixtureBody(sample, 0));
    const release = sink.hold();
    const mark = sink.events.length;
    expect(await send(app.base, signed)).toEqual({ status: 200, body: '{"ok":true}' });
    // The handler received the event but cannot finish before `release`: the 200 came first.
    expect(sink.since(mark).length).toBeGreaterThan(0);
    release();
    const handled = sink.events.length;
    expect(await redeliver(signed)).toEqual({ status: 200, body: '{"ok":true}' });
    expect(sink.events.length).toBe(handled); // completed: the redelivery is a duplicate
  });

  it('reports a failure after the 200 to onError and releases the claim, so a redelivery runs it again', async () => {
    const signed = await sign(sample, url(), fixtureBody(sample, 1));
    sink.failNext();
    const mark = sink.events.length;
    expect(await send(app.base, signed)).toEqual({ status: 200, body: '{"ok":true}' });
    const failed = sink.since(mark)[0];
    expect(failed).toBeDefined();
    const retry = sink.events.length;
    expect((await redeliver(signed)).status).toBe(200);
    expect(sink.since(retry).map((event) => event.id)).toContain(failed?.id);
    expect(app.output()).toMatch(/\[rcs-webhooks\] HandlerError/);
  });

  it('still answers authentication failures before acknowledging anything', async () => {
    const mark = sink.events.length;
    const forged = await sign(sample, url(), fixtureBody(sample, 2), wrongSigning(sample));
    expect((await send(app.base, forged)).status).toBe(401);
    expect(sink.since(mark)).toEqual([]);
  });

  it('acknowledges a signed body it cannot read, as one unsupported event', async () => {
    const mark = sink.events.length;
    expect((await send(app.base, await sign(sample, url(), '{"malformed": '))).status).toBe(200);
    await vi.waitFor(() => expect(sink.since(mark)).toMatchObject([{ kind: 'unsupported' }]));
  });
});
