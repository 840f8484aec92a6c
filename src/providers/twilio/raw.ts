import type { z } from 'zod';
import type { incomingMessageSchema, statusCallbackSchema } from './schemas.js';

/**
 * `raw` of a Twilio event (other than `unsupported`): the form's parameters, each a string (an array
 * when a parameter is repeated); a status callback or an incoming message.
 */
export type TwilioRaw = z.input<typeof statusCallbackSchema> | z.input<typeof incomingMessageSchema>;
