import type { z } from 'zod';
import type { Loose } from '../raw.js';
import type {
  serverEventSchema,
  userActivitySchema,
  userMessageSchema,
  userReportSchema,
} from './schemas.js';

/** `raw` of a Google RBM event (other than `unsupported`): the decoded `message.data` of the Pub/Sub push. */
export type GoogleRaw =
  | Loose<z.input<typeof userMessageSchema>>
  | Loose<z.input<typeof userReportSchema>>
  | Loose<z.input<typeof userActivitySchema>>
  | Loose<z.input<typeof serverEventSchema>>;
