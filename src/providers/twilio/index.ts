import { defineProvider } from '../types.js';
import { authenticateTwilio } from './auth.js';
import { FORM, JSON_TYPE } from './content-type.js';
import { normalizeTwilio } from './normalize.js';
import { configureTwilio, twilioFromEnv, twilioOptions } from './options.js';
import { encodeTwilioBody, signTwilio } from './sign.js';

export type { TwilioOptions } from './options.js';
export type { TwilioSigning } from './sign.js';

/**
 * Twilio Programmable Messaging with RCS senders: form-encoded incoming-message webhooks and status
 * callbacks signed with `X-Twilio-Signature` (no timestamp: duplicates are caught by event ids).
 * Webhooks configured to use GET are not accepted (405): configure POST.
 */
export const twilio = defineProvider({
  name: 'twilio',
  contentTypes: [FORM, JSON_TYPE],
  options: twilioOptions,
  configure: configureTwilio,
  hasCredentials: (config) => config.authTokens.length > 0,
  fromEnv: twilioFromEnv,
  authenticate: authenticateTwilio,
  normalize: normalizeTwilio,
  encodeBody: encodeTwilioBody,
  sign: signTwilio,
});
