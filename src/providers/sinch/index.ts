import { defineProvider } from '../types.js';
import { authenticateSinch } from './auth.js';
import { normalizeSinch } from './normalize.js';
import { configureSinch, sinchFromEnv, sinchOptions } from './options.js';
import { signSinch } from './sign.js';

export type { SinchOptions } from './options.js';
export type { SinchSigning } from './sign.js';

/** Sinch Conversation API callbacks (RCS, with SMS/MMS fallback), signed with the webhook secret. */
export const sinch = defineProvider({
  name: 'sinch',
  contentTypes: ['application/json'],
  options: sinchOptions,
  configure: configureSinch,
  hasCredentials: (config) => config.secrets.length > 0,
  fromEnv: sinchFromEnv,
  authenticate: authenticateSinch,
  normalize: normalizeSinch,
  sign: signSinch,
});
