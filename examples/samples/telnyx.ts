import type { ProviderSample } from './types.js';

// DEMO-ONLY Ed25519 key pair, never use it for real traffic: the private key is public here.
// Derived deterministically: seed = sha256("rcs-webhooks demo key: telnyx"); the public key is the
// raw 32-byte key in base64, the format Telnyx's portal shows. In production only the public key
// from Mission Control (Keys & Credentials) is configured; Telnyx keeps the private key.
const demoPrivateKeySeed = 'nY6kM3WdU6IX48MTph8/5UVlPRjKjRJcziiruYSvMrU=';
const demoPublicKey = 'QOzxe+Bj3Xek1fEEGuJAjj1I5pNURfIkePFh8Igcb2g=';

export const sample: ProviderSample = {
  provider: 'telnyx',
  options: { publicKey: demoPublicKey },
  signing: { privateKey: demoPrivateKeySeed },
  fixtures: [
    'notes-message-sent',
    'seed-message-finalized-delivered',
    'notes-message-read-no-meta',
    'notes-message-finalized-delivery-failed',
    // The composed inbound fixtures (file, location, suggestion) reuse this one's event id, so in
    // one demo run the store would treat them as retries of it: only one inbound fixture is sent.
    'seed-message-received-text',
  ],
};
