import type { ProviderSample } from './types.js';

// DEMO-ONLY signature secret, never use it for real traffic. In production it is your Vonage account's
// signature secret (Dashboard → Settings), read from your secret store or RCS_VONAGE_SIGNATURE_SECRET.
const demoSignatureSecret = 'demo-vonage-signature-secret-do-not-use';

export const sample: ProviderSample = {
  provider: 'vonage',
  options: { signatureSecret: demoSignatureSecret },
  signing: { signatureSecret: demoSignatureSecret, apiKey: 'a1b2c3d' },
  // One RCS message's lifecycle (submitted → delivered → read), a rejection, and three inbound
  // messages. Every fixture has its own event id (the notes' reply and button share the uuid "…").
  fixtures: [
    'composed-status-submitted',
    'notes-status-delivered',
    'composed-status-read',
    'notes-status-rejected',
    'notes-inbound-text',
    'notes-inbound-reply',
    'composed-inbound-image',
    'composed-inbound-location',
  ],
};
