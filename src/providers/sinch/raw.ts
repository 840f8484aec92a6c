import type { z } from 'zod';
import type { Loose } from '../raw.js';
import type { envelopeSchema } from './schemas.js';

/**
 * `raw` of a Sinch event (other than `unsupported`): the whole Conversation API callback, envelope
 * included; its one payload key (`message`, `message_delivery_report`, …) is among the other fields.
 */
export type SinchRaw = Loose<z.input<typeof envelopeSchema>>;
