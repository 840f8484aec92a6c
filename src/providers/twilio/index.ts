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
 * Webhooks configured to use GET are not accepted (405): configure POST. Accepted requests are
 * answered with empty TwiML: Twilio expects TwiML from incoming-message webhooks (any other body is
 * logged as an error in its debugger) and any 2xx from status callbacks.
 * https://www.twilio.com/docs/messaging/guides/webhook-request
 */
export const twilio = defineProvider({
  name: 'twilio',
  contentTypes: [FORM, JSON_TYPE],
  acceptedResponse: {
    status: 200,
    headers: { 'content-type': 'text/xml; charset=utf-8' },
    body: '<?xml version="1.0" encoding="UTF-8"?><Response></Response>',
  },
  options: twilioOptions,
  configure: configureTwilio,
  hasCredentials: (config) => config.authTokens.length + config.sharedKeySecrets.length > 0,
  fromEnv: twilioFromEnv,
  authenticate: authenticateTwilio,
  normalize: normalizeTwilio,
  encodeBody: encodeTwilioBody,
  sign: signTwilio,
});
