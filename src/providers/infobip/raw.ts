import type { z } from 'zod';
import type { Loose } from '../raw.js';
import type {
  capabilitySchema,
  conversationStartedSchema,
  deliveryReportSchema,
  inboundSchema,
  messagesApiInboundSchema,
  seenReportSchema,
  typingSchema,
} from './schemas.js';

/** `raw` of an Infobip event (other than `unsupported`): the `results[]` item, or the capability-check body. */
export type InfobipRaw =
  | Loose<z.input<typeof deliveryReportSchema>>
  | Loose<z.input<typeof seenReportSchema>>
  | Loose<z.input<typeof inboundSchema>>
  | Loose<z.input<typeof messagesApiInboundSchema>>
  | Loose<z.input<typeof typingSchema>>
  | Loose<z.input<typeof conversationStartedSchema>>
  | Loose<z.input<typeof capabilitySchema>>;
