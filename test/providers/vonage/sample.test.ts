import { describe, expect, it } from 'vitest';
import { sample } from '../../../examples/samples/vonage.js';
import { runSample } from '../../helpers/provider-harness.js';
import { NOW } from './setup.js';

describe('vonage demo sample', () => {
  it('signs every sample fixture so that the sample options accept it, each a new event', async () => {
    const { events } = await runSample('vonage', sample, { now: NOW });
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
