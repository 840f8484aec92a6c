import { describe, expect, it } from 'vitest';
import { sample } from '../../../examples/samples/exotel.js';
import { createRcsWebhooks, type RcsEvent } from '../../../src/index.js';
import { signRequest } from '../../../src/testing/index.js';
import { loadFixture } from '../../helpers/fixtures.js';
import { NOW } from './setup.js';

describe('exotel demo sample', () => {
  it('authenticates every sample fixture with the sample options, each a new event', async () => {
    if (sample.provider !== 'exotel') throw new Error('not the exotel sample');
    const rcs = createRcsWebhooks({ providers: { exotel: sample.options }, now: () => NOW });
    const events: RcsEvent[] = [];
    rcs.onAny((event) => {
      events.push(event);
    });
    for (const name of sample.fixtures) {
      const body = loadFixture('exotel', name);
      const signed = await signRequest({ provider: 'exotel', body, config: sample.signing, now: NOW });
      expect((await rcs.handle(signed)).status).toBe(200);
    }
    expect(events.map((event) => event.kind)).toEqual([
      'delivery',
      'delivery',
      'delivery',
      'inbound',
      'inbound',
      'inbound',
      'unsupported',
    ]);
  });
});
