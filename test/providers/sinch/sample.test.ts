import { describe, expect, it } from 'vitest';
import { sample } from '../../../examples/samples/sinch.js';
import { runSample } from '../../helpers/provider-harness.js';
import { NOW } from './setup.js';

describe('sinch demo sample', () => {
  it('signs every sample fixture so that the sample options accept it, each a new event', async () => {
    const { events } = await runSample('sinch', sample, { now: NOW });
    expect(events.map((event) => event.kind)).toEqual([
      'capability',
      'conversationUpdated',
      'delivery',
      'delivery',
      'delivery',
      'typing',
      'inbound',
      // Derived (Sinch reports no RCS sessions): the user answered a delivered business message.
      'conversationStarted',
      'inbound',
    ]);
    expect(new Set(events.map((event) => event.id)).size).toBe(sample.fixtures.length + 1);
  });
});
