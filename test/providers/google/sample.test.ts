import { describe, expect, it } from 'vitest';
import { sample } from '../../../examples/samples/google.js';
import { runSample } from '../../helpers/provider-harness.js';
import { NOW } from './setup.js';

describe('google demo sample', () => {
  it('signs every sample fixture so that the sample options accept it, each a new event', async () => {
    const { events, bodies } = await runSample('google', sample, { now: NOW });
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
