import type { ProviderSample } from './types.js';

// DEMO-ONLY webhook secret, never use it for real traffic: it is public here. In production it is
// the secret set on the Conversation API webhook (Sinch dashboard → Conversation API → Apps →
// Webhooks), read from a secret store or RCS_SINCH_SECRET.
const demoSecret = 'demo-sinch-webhook-secret';

export const sample: ProviderSample = {
  provider: 'sinch',
  options: { secret: demoSecret },
  signing: { secret: demoSecret },
  fixtures: [
    'composed-capability-full',
    'composed-conversation-start',
    'composed-message-delivery-queued-on-channel',
    'composed-message-delivery-delivered',
    'notes-message-delivery-read',
    'composed-event-inbound-composing',
    'notes-message-inbound-text',
    'composed-message-inbound-choice-response',
  ],
};
