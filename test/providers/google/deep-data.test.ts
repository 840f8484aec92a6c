import { memoryStore, type RcsEvent } from 'rcs-webhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { googleEnvelope } from '../../../src/providers/google/index.js';
import { exceedsJsonDepth } from '../../../src/util/json-depth.js';
import { harness, loadEvent, NOW, post } from './setup.js';

/**
 * Issue 13 item 10: the depth limit of bodies (64 levels) applies to the document Google carries in
 * base64 inside its envelope. A signed 100,000-deep `message.data` used to reach handlers, where
 * `JSON.stringify` throws (inbox mode answered 500 and Google retried it for days). Now it is one
 * `unsupported` event whose `raw` is the shallow envelope, answered 200, the error reported.
 */
const DEPTH = 100_000;
const deepObject = `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`;
/** A real event whose newest field nests as deep as `depth` (the event object itself is level 1). */
const nested = (depth: number) =>
  loadEvent('notes-user-message-text')
    .replace('"MxZ1Y2X3"', `"Mx${depth}"`)
    .replace(/}$/, `,"richMessageClassification":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`);

const stoppers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stoppers.splice(0).map((stop) => stop()));
});

const modes = {
  inline: () => harness(),
  inbox: () => {
    const core = harness(undefined, { inbox: { autoStart: false }, store: memoryStore({ now: () => NOW }) });
    stoppers.push(() => core.rcs.inbox.stop());
    return core;
  },
};

describe.each(Object.entries(modes))('google message.data nested past the limit (%s mode)', (mode, make) => {
  it('is answered 200 as one unsupported event with the envelope as raw; no handler sees the deep data', async () => {
    const { rcs, events, errors } = make();
    const serialized: string[] = [];
    rcs.onAny((event) => {
      serialized.push(JSON.stringify(event));
    });
    const envelope = googleEnvelope(deepObject, { messageId: '1' });
    expect(await post(rcs, envelope)).toEqual({ status: 200, body: { ok: true } });
    if (mode === 'inbox') await rcs.inbox.drain();

    expect(events).toHaveLength(1);
    const [event] = events as [RcsEvent];
    expect(event).toMatchObject({ kind: 'unsupported', raw: envelope });
    expect(exceedsJsonDepth(event, 64)).toBe(false);
    expect(serialized).toHaveLength(1);
    expect(errors).toEqual([
      expect.objectContaining({
        name: 'PayloadParseError',
        code: 'malformed_body',
        message: expect.stringContaining('deeper than 64 levels'),
      }),
    ]);
    if (mode === 'inbox') expect(await rcs.inbox.counts()).toEqual({ pending: 0, deadLetters: 0 });
  });

  it('keeps the limit exact: an event 64 levels deep is normalized, 65 is not', async () => {
    const { rcs, events } = make();
    expect((await post(rcs, googleEnvelope(nested(64)))).status).toBe(200);
    expect((await post(rcs, googleEnvelope(nested(65)))).status).toBe(200);
    if (mode === 'inbox') await rcs.inbox.drain();
    expect(events.map((event) => event.kind).sort()).toEqual(['inbound', 'unsupported']);
  });
});
