import { defineProvider } from '../types.js';
import { authenticateTelnyx } from './auth.js';
import { normalizeTelnyx } from './normalize.js';
import { configureTelnyx, telnyxFromEnv, telnyxOptions } from './options.js';
import { signTelnyx } from './sign.js';

export type { TelnyxOptions } from './options.js';
export type { TelnyxSigning } from './sign.js';

export const telnyx = defineProvider({
  name: 'telnyx',
  contentTypes: ['application/json'],
  options: telnyxOptions,
  configure: configureTelnyx,
  hasCredentials: (config) => config.publicKeys.length > 0,
  fromEnv: telnyxFromEnv,
  authenticate: authenticateTelnyx,
  normalize: normalizeTelnyx,
  sign: signTelnyx,
});
