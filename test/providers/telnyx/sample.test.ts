import { describe, expect, it } from 'vitest';
import { sample } from '../../../examples/samples/telnyx.js';
import { runSample } from '../../helpers/provider-harness.js';
import { NOW } from './setup.js';

describe('telnyx demo sample', () => {
  it('signs every sample fixture so that the sample options accept it, each a new event', async () => {
    const { events } = await runSample('telnyx', sample, { now: NOW });
    expect(events.map((event) => event.kind)).toEqual([
      'delivery',
      'delivery',
      'delivery',
      'delivery',
      'inbound',
    ]);
  });
});
