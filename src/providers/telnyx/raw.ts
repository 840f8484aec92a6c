import type { z } from 'zod';
import type { Loose } from '../raw.js';
import type { envelopeSchema, inboundMessageSchema, outboundMessageSchema } from './schemas.js';

// An intersection, not Omit: `data` is a loose object, and Omit over an index signature drops every field.
type EnvelopeData = z.input<typeof envelopeSchema>['data'];

/**
 * `raw` of a Telnyx event (other than `unsupported`): the whole webhook body, whose `data.payload` is
 * a sent message (delivery events) or a received one (`message.received`).
 */
export type TelnyxRaw = Loose<{
  data: EnvelopeData & {
    payload: Loose<z.input<typeof outboundMessageSchema>> | Loose<z.input<typeof inboundMessageSchema>>;
  };
}>;
