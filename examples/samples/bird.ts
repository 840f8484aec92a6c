import type { ProviderSample } from './types.js';

// DEMO-ONLY signing key, never use it for real traffic. In production it is the `signingKey` you
// chose when creating the Bird webhook subscription, read from your secret store or RCS_BIRD_SIGNING_KEY.
const demoSigningKey = 'demo-bird-signing-key-do-not-use-in-production';

export const sample: ProviderSample = {
  provider: 'bird',
  options: { signingKey: demoSigningKey },
  signing: { signingKey: demoSigningKey },
  // The composed inbound fixtures reuse one message id (they would be deduplicated), so only one is sent.
  fixtures: [
    'composed-rcs-outbound-sent',
    'notes-rcs-outbound-delivered',
    'composed-rcs-interaction-read',
    'notes-rcs-inbound-text',
    'composed-conversations-conversation-created',
    'seed-conversations-conversation-updated',
  ],
};
