import { describe, expect, it } from 'vitest';
import { sample } from '../../../examples/samples/twilio.js';
import { createRcsWebhooks, type RcsEvent } from '../../../src/index.js';
import { signRequest } from '../../../src/testing/index.js';
import { loadFixture } from '../../helpers/fixtures.js';
import { NOW } from './setup.js';

describe('twilio demo sample', () => {
  it('signs every sample fixture as the demo does, so that the sample options accept it, each new', async () => {
    if (sample.provider !== 'twilio') throw new Error('not the twilio sample');
    const rcs = createRcsWebhooks({ providers: { twilio: sample.options }, now: () => NOW });
    const events: RcsEvent[] = [];
    rcs.onAny((event) => {
      events.push(event);
    });
    for (const name of sample.fixtures) {
      // The demo and the adapter conformance suite send `<name>.json` byte for byte.
      const signed = await signRequest({
        provider: 'twilio',
        body: loadFixture('twilio', name),
        config: sample.signing,
        url: 'http://127.0.0.1:3000/webhooks/rcs/twilio',
      });
      expect((await rcs.handle(signed)).status).toBe(200);
    }
    expect(events.map((event) => event.kind)).toEqual([
      'delivery',
      'delivery',
      'delivery',
      'inbound',
      'inbound',
      'inbound',
      'inbound',
      'inbound',
      'delivery',
    ]);
  });
});
