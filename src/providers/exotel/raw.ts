import type { z } from 'zod';
import type { Loose } from '../raw.js';
import type { deliveryReportSchema, inboundSchema } from './schemas.js';

/** `raw` of an Exotel event (other than `unsupported`): one item of the callback's `messages[]`. */
export type ExotelRaw = Loose<z.input<typeof deliveryReportSchema>> | Loose<z.input<typeof inboundSchema>>;
