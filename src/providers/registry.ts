import type { z } from 'zod';
import { bird } from './bird/index.js';
import { exotel } from './exotel/index.js';
import { google } from './google/index.js';
import { infobip } from './infobip/index.js';
import { sinch } from './sinch/index.js';
import { telnyx } from './telnyx/index.js';
import { twilio } from './twilio/index.js';
import { vonage } from './vonage/index.js';

/** Every provider rcs-webhooks knows. Adding a provider: add its folder and one line here. */
export const providerRegistry = {
  infobip,
  bird,
  telnyx,
  exotel,
  google,
  vonage,
  sinch,
  twilio,
} as const;

export type ProviderName = keyof typeof providerRegistry;
export const PROVIDER_NAMES = Object.keys(providerRegistry) as ProviderName[];

type Registry = typeof providerRegistry;

/** `providers` option: each provider's own options. */
export type ProvidersOptions = { [K in ProviderName]?: z.input<Registry[K]['options']> };

/** What `rcs-webhooks/testing` needs to sign a request for each provider. */
export type SigningConfigs = { [K in ProviderName]: Parameters<Registry[K]['sign']>[1] };
