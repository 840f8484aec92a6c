import { describe, expect, it } from 'vitest';
import { sample } from '../../../examples/samples/google.js';
import { createRcsWebhooks, type RcsEvent } from '../../../src/index.js';
import { signRequest } from '../../../src/testing/index.js';
import { loadFixture } from '../../helpers/fixtures.js';
import { NOW } from './setup.js';

describe('google demo sample', () => {
  it('signs every sample fixture so that the sample options accept it, each a new event', async () => {
    if (sample.provider !== 'google') throw new Error('not the google sample');
    const rcs = createRcsWebhooks({ providers: { google: sample.options }, now: () => NOW });
    const events: RcsEvent[] = [];
    rcs.onAny((event) => {
      events.push(event);
    });
    const bodies: string[] = [];
    for (const name of sample.fixtures) {
      const signed = await signRequest({
        provider: 'google',
        body: loadFixture('google', name),
        config: sample.signing,
        now: NOW,
      });
      const response = await rcs.handle(signed);
      expect(response.status).toBe(200);
      bodies.push(response.body);
    }
    expect(bodies[0]).toBe('1234567890');
    expect(
      events.map((event) => (event.kind === 'delivery' ? `delivery:${event.status}` : event.kind)),
    ).toEqual([
      'delivery:delivered',
      'delivery:read',
      'typing',
      'inbound',
      // Derived (RBM reports no sessions): the user answered the delivered business message.
      'conversationStarted',
      'inbound',
      'inbound',
      'delivery:expired',
    ]);
    expect(events.some((event) => 'superseded' in event)).toBe(false);
  });
});
