import { acceptsTokenPath } from '../../auth/url-token.js';
import { defineProvider } from '../types.js';
import { authenticateInfobip } from './auth.js';
import { normalizeInfobip } from './normalize.js';
import { configureInfobip, infobipFromEnv, infobipOptions } from './options.js';
import { signInfobip } from './sign.js';

export type { InfobipOptions } from './options.js';
export type { InfobipSigning } from './sign.js';

export const infobip = defineProvider({
  name: 'infobip',
  // Infobip can also send XML when `notifyContentType`/`contentType` asks for it; only JSON is accepted.
  contentTypes: ['application/json'],
  // CONVERSATION_STARTED reports each session (A2P or P2A), whose id later reports and MOs carry.
  reportsConversations: true,
  options: infobipOptions,
  configure: configureInfobip,
  hasCredentials: (config) =>
    config.basic.length > 0 || config.hmac !== undefined || config.urlTokens.length > 0,
  fromEnv: infobipFromEnv,
  acceptsPath: acceptsTokenPath,
  authenticate: authenticateInfobip,
  normalize: normalizeInfobip,
  sign: signInfobip,
});
