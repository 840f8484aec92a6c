import type { ProviderSample } from './types.js';

// Demo credential only: a real app reads its callback-URL token from its secret store or environment.
const token = 'demo-exotel-callback-token';

export const sample: ProviderSample = {
  provider: 'exotel',
  options: { token },
  signing: { urlToken: token },
  // Distinct message ids (the seed's examples all use sid "1234", so only one of them is sent).
  fixtures: [
    'notes-dlr-variant-a-enveloped',
    'notes-dlr-sms-fallback',
    'notes-dlr-variant-b-flat',
    'seed-inbound-file',
    'notes-inbound-location',
    'notes-inbound-suggested',
    'seed-inbound-error',
  ],
};
