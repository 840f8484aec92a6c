import type { z } from 'zod';
import type { Loose } from '../raw.js';
import type { inboundSchema, statusSchema } from './schemas.js';

/** `raw` of a Vonage event (other than `unsupported`): the inbound message or the status callback. */
export type VonageRaw = Loose<z.input<typeof inboundSchema>> | Loose<z.input<typeof statusSchema>>;
