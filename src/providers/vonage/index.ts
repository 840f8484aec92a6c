import { defineProvider } from '../types.js';
import { authenticateVonage } from './auth.js';
import { normalizeVonage } from './normalize.js';
import { configureVonage, vonageFromEnv, vonageOptions } from './options.js';
import { signVonage } from './sign.js';

export type { VonageOptions } from './options.js';
export type { VonageSigning } from './sign.js';

/** Vonage Messages API, channel `rcs`: signed webhooks (HS256 JWT in `Authorization`). */
export const vonage = defineProvider({
  name: 'vonage',
  contentTypes: ['application/json'],
  options: vonageOptions,
  configure: configureVonage,
  hasCredentials: (config) => config.signatureSecrets.length > 0,
  fromEnv: vonageFromEnv,
  authenticate: authenticateVonage,
  normalize: normalizeVonage,
  sign: signVonage,
});
