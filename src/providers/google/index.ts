import { defineProvider } from '../types.js';
import { authenticateGoogle } from './auth.js';
import { googleHandshake } from './handshake.js';
import { normalizeGoogle } from './normalize.js';
import { configureGoogle, googleFromEnv, googleOptions } from './options.js';
import { signGoogle } from './sign.js';

export type { GoogleEnvelope, GoogleEnvelopeOptions } from './envelope-builder.js';
export { googleEnvelope } from './envelope-builder.js';
export type { GoogleOptions } from './options.js';
export type { GoogleSigning } from './sign.js';

/**
 * Google RCS Business Messaging. Google queues every agent of a partner together, so any non-200
 * delays delivery for all of them, for up to 7 days of retries: a failed handler is therefore
 * acknowledged and reported through onError unless the user asks for `handlerErrors: 'retry'`.
 */
export const google = defineProvider({
  name: 'google',
  // Pub/Sub push and the verification request are both JSON.
  contentTypes: ['application/json'],
  defaultHandlerErrors: 'acknowledge',
  options: googleOptions,
  configure: configureGoogle,
  hasCredentials: (config) => config.clientTokens.length > 0,
  fromEnv: googleFromEnv,
  handshake: googleHandshake,
  authenticate: authenticateGoogle,
  normalize: normalizeGoogle,
  sign: signGoogle,
});
