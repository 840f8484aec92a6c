import type { ProviderSample } from './types.js';

// Demo credentials only: a real app reads them from its secret store or environment.
const credentials = { username: 'demo-infobip', password: 'demo-infobip-password' };

export const sample: ProviderSample = {
  provider: 'infobip',
  options: { basic: credentials },
  signing: { basic: credentials },
  fixtures: [
    'notes-delivery-report-full',
    'seed-conversation-started',
    'notes-seen-report',
    'notes-inbound-text',
    'notes-user-action-event',
    'notes-typing-indicator',
    'notes-capability-check',
  ],
};
