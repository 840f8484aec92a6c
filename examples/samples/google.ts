import type { ProviderSample } from './types.js';

// DEMO-ONLY clientToken: the example token of Google's RBM webhook guide (also the key of the
// documented signature test vector). A real app reads the token the Developer Console shows for its
// webhook from its secret store or environment (RCS_GOOGLE_CLIENT_TOKEN).
const clientToken = 'SJENCPGJESMGUFPY';

export const sample: ProviderSample = {
  provider: 'google',
  // Google queues all agents of a partner together: a failing handler should not answer non-200.
  options: { clientToken },
  signing: { clientToken },
  // Each fixture is a Pub/Sub-style envelope built with `googleEnvelope` (see test/fixtures/google/
  // SOURCES.md); the signer computes X-Goog-Signature over its decoded `message.data`. The first is
  // the console's verification request, answered with its secret as plain text.
  fixtures: [
    'notes-verification-handshake',
    'composed-user-event-delivered',
    'notes-envelope-read-event',
    'composed-user-event-is-typing',
    'composed-user-message-text',
    'composed-user-message-suggestion-response',
    'composed-user-message-user-file',
    'composed-server-event-ttl-expiration-revoked',
  ],
};
