import { describe, expect, it } from 'vitest';
import { sample } from '../../../examples/samples/vonage.js';
import { createRcsWebhooks, type RcsEvent } from '../../../src/index.js';
import { signRequest } from '../../../src/testing/index.js';
import { loadFixture } from '../../helpers/fixtures.js';
import { NOW } from './setup.js';

describe('vonage demo sample', () => {
  it('signs every sample fixture so that the sample options accept it, each a new event', async () => {
    if (sample.provider !== 'vonage') throw new Error('not the vonage sample');
    const rcs = createRcsWebhooks({ providers: { vonage: sample.options }, now: () => NOW });
    const events: RcsEvent[] = [];
    rcs.onAny((event) => {
      events.push(event);
    });
    for (const name of sample.fixtures) {
      const signed = await signRequest({
        provider: 'vonage',
        body: loadFixture('vonage', name),
        config: sample.signing,
        now: NOW,
      });
      expect((await rcs.handle(signed)).status).toBe(200);
    }
    expect(events.map((event) => event.kind)).toEqual([
      'delivery',
      'delivery',
      'delivery',
      'delivery',
      'inbound',
      'inbound',
      'inbound',
      'inbound',
    ]);
  });
});
