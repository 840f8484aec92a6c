import { defineProvider } from '../types.js';
import { authenticateBird } from './auth.js';
import { normalizeBird } from './normalize.js';
import { birdFromEnv, birdOptions, configureBird } from './options.js';
import { signBird } from './sign.js';

export type { BirdOptions } from './options.js';
export type { BirdSigning } from './sign.js';

/**
 * Bird retries an unacknowledged webhook "at increasing intervals for 8 hours" (docs.bird.com
 * notifications-api/retries), and a retry keeps the original MessageBird-Request-Timestamp, so the
 * usual 5-minute window would reject every late retry. 9 h covers the documented schedule plus an
 * hour of margin; replays inside it are caught by idempotency (the store remembers event ids 7 days).
 */
const BIRD_RETRY_WINDOW_SECONDS = 9 * 60 * 60;

export const bird = defineProvider({
  name: 'bird',
  contentTypes: ['application/json'],
  defaultToleranceSeconds: BIRD_RETRY_WINDOW_SECONDS,
  // conversation.created / updated / deleted: Bird's own conversations.
  reportsConversations: true,
  options: birdOptions,
  configure: configureBird,
  hasCredentials: (config) => config.signingKeys.length > 0,
  fromEnv: birdFromEnv,
  authenticate: authenticateBird,
  normalize: normalizeBird,
  sign: signBird,
});
