import { describe, expect, it } from 'vitest';
import { sample } from '../../../examples/samples/exotel.js';
import { runSample } from '../../helpers/provider-harness.js';
import { NOW } from './setup.js';

describe('exotel demo sample', () => {
  it('authenticates every sample fixture with the sample options, each a new event', async () => {
    const { events } = await runSample('exotel', sample, { now: NOW });
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
