import type { ProviderName, ProvidersOptions } from '../../src/index.js';
import type { SigningConfigs } from '../../src/testing/index.js';

/**
 * One provider's part of the demo: how the example server is configured, how the demo client
 * signs, and which fixtures (files in test/fixtures/<provider>/) it sends.
 */
export type ProviderSample = {
  [P in ProviderName]: {
    provider: P;
    options: NonNullable<ProvidersOptions[P]>;
    signing: SigningConfigs[P];
    fixtures: string[];
  };
}[ProviderName];
