import { describe, expect, it } from 'vitest';
import { sample } from '../../../examples/samples/sinch.js';
import { createRcsWebhooks, type RcsEvent } from '../../../src/index.js';
import { signRequest } from '../../../src/testing/index.js';
import { loadFixture } from '../../helpers/fixtures.js';
import { NOW } from './setup.js';

describe('sinch demo sample', () => {
  it('signs every sample fixture so that the sample options accept it, each a new event', async () => {
    if (sample.provider !== 'sinch') throw new Error('not the sinch sample');
    const rcs = createRcsWebhooks({ providers: { sinch: sample.options }, now: () => NOW });
    const events: RcsEvent[] = [];
    rcs.onAny((event) => {
      events.push(event);
    });
    for (const name of sample.fixtures) {
      const signed = await signRequest({
        provider: 'sinch',
        body: loadFixture('sinch', name),
        config: sample.signing,
        now: NOW,
      });
      expect((await rcs.handle(signed)).status).toBe(200);
    }
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
