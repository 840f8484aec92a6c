import type { z } from 'zod';
import type { Loose } from '../raw.js';
import type {
  conversationSchema,
  envelopeSchema,
  inboundMessageSchema,
  interactionSchema,
  outboundMessageSchema,
} from './schemas.js';

/**
 * `raw` of a Bird event (other than `unsupported`): the whole `{ service, event, payload }` envelope,
 * whose `payload` is a message, an interaction or a conversation.
 */
export type BirdRaw = Loose<
  Omit<z.input<typeof envelopeSchema>, 'payload'> & {
    payload:
      | Loose<z.input<typeof inboundMessageSchema>>
      | Loose<z.input<typeof outboundMessageSchema>>
      | Loose<z.input<typeof interactionSchema>>
      | Loose<z.input<typeof conversationSchema>>;
  }
>;
