import type { ProviderSample } from './types.js';

// DEMO-ONLY Auth Token, never use it for real traffic. In production it is your Twilio account's
// Auth Token, read from your secret store or RCS_TWILIO_AUTH_TOKEN.
const demoAuthToken = 'demo-twilio-auth-token-do-not-use-in-production';

export const sample: ProviderSample = {
  provider: 'twilio',
  options: { authToken: demoAuthToken },
  signing: { authToken: demoAuthToken },
  // Twilio posts forms: form-encoded/ holds each fixture's exact wire body (test/fixtures/twilio/SOURCES.md).
  fixtures: [
    'form-encoded/composed-rcs-status-sent',
    'form-encoded/composed-rcs-status-delivered',
    'form-encoded/composed-rcs-status-read',
    'form-encoded/notes-rcs-inbound-button-tap',
    'form-encoded/composed-rcs-inbound-text',
    'form-encoded/composed-rcs-inbound-media-with-body',
    'form-encoded/composed-rcs-status-undelivered',
  ],
};
