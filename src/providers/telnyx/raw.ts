import type { z } from 'zod';
import type { Loose } from '../raw.js';
import type { envelopeSchema, inboundMessageSchema, outboundMessageSchema } from './schemas.js';

type EnvelopeData = z.input<typeof envelopeSchema>['data'];

/**
 * `raw` of a Telnyx event (other than `unsupported`): the whole webhook body, whose `data.payload` is
 * a sent message (delivery events) or a received one (`message.received`).
 */
export type TelnyxRaw = Loose<{
  data: Omit<EnvelopeData, 'payload'> & {
    payload: Loose<z.input<typeof outboundMessageSchema>> | Loose<z.input<typeof inboundMessageSchema>>;
  };
}>;
