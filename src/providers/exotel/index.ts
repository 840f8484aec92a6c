import { acceptsTokenPath } from '../../auth/url-token.js';
import { defineProvider } from '../types.js';
import { authenticateExotel } from './auth.js';
import { exotelFromEnv } from './env.js';
import { normalizeExotel } from './normalize.js';
import { configureExotel, exotelOptions, hasExotelCredentials } from './options.js';
import { signExotel } from './sign.js';

export type { ExotelOptions } from './options.js';
export type { ExotelSigning } from './sign.js';

export const exotel = defineProvider({
  name: 'exotel',
  // The v2 messages API posts JSON (https://developer.exotel.com/uncategorized/rcs-status-callback).
  contentTypes: ['application/json'],
  options: exotelOptions,
  configure: configureExotel,
  hasCredentials: hasExotelCredentials,
  fromEnv: exotelFromEnv,
  // `/webhooks/rcs/exotel/<token>`: the token may be the one path segment after the provider.
  acceptsPath: acceptsTokenPath,
  authenticate: authenticateExotel,
  normalize: normalizeExotel,
  sign: signExotel,
});
