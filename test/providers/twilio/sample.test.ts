import { describe, expect, it } from 'vitest';
import { sample } from '../../../examples/samples/twilio.js';
import { runSample } from '../../helpers/provider-harness.js';
import { NOW } from './setup.js';

describe('twilio demo sample', () => {
  it('signs every sample fixture as the demo does, so that the sample options accept it, each new', async () => {
    // The demo and the adapter conformance suite send `<name>.json` byte for byte, to the demo's URL.
    const url = 'http://127.0.0.1:3000/webhooks/rcs/twilio';
    const { events } = await runSample('twilio', sample, { now: NOW, url });
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
