import { createRcsWebhooks, type RcsEvent } from 'rcs-webhooks';
import { describe, expect, it } from 'vitest';
import { decodeEvent, encodeEvent } from '../../src/inbox/codec.js';
import { fixtureBody, samples, sign } from '../adapters/conformance/samples.js';

describe('inbox event codec', () => {
  it.each(samples.map((sample) => [sample.provider, sample] as const))(
    'restores every %s fixture event exactly (dates included)',
    async (_name, sample) => {
      const core = createRcsWebhooks({ providers: { [sample.provider]: sample.options } });
      const events: RcsEvent[] = [];
      core.onAny((event) => {
        events.push(event);
      });
      for (const [index] of sample.fixtures.entries()) {
        const url = `http://127.0.0.1:3000/webhooks/rcs/${sample.provider}`;
        await core.handle(await sign(sample, url, fixtureBody(sample, index)));
      }
      expect(events.length).toBeGreaterThan(0);
      for (const event of events) {
        const decoded = decodeEvent(encodeEvent(event));
        expect(decoded).toEqual(event);
        expect(decoded.receivedAt).toBeInstanceOf(Date);
        if (event.occurredAt !== undefined) expect(decoded.occurredAt).toBeInstanceOf(Date);
      }
    },
  );

  it('refuses what it did not write', () => {
    for (const payload of ['[]', 'null', '{"kind":"delivery"}', '{"kind":"nope","id":"1","provider":"p"}']) {
      expect(() => decodeEvent(payload)).toThrow(TypeError);
    }
    expect(() =>
      decodeEvent('{"kind":"unsupported","id":"1","provider":"p","receivedAt":"not a date","reason":"x"}'),
    ).toThrow(/receivedAt/);
    expect(() => decodeEvent('{not json')).toThrow(SyntaxError);
  });
});
