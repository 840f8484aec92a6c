import type { ProviderName, ProvidersOptions } from '../../src/index.js';
import type { SigningConfigs } from '../../src/testing/index.js';

/**
 * One provider's part of the demo: how the example server is configured, how the demo client
 * signs, and which fixtures it sends: the tests send test/fixtures/<provider>/<fixture>.json, the demo
 * its rendition with realistic values, payloads/<provider>/<fixture>.json (see `samplePayload`).
 */
export type ProviderSample = {
  [P in ProviderName]: {
    provider: P;
    options: NonNullable<ProvidersOptions[P]>;
    signing: SigningConfigs[P];
    fixtures: string[];
  };
}[ProviderName];
