import type { z } from 'zod';
import { bird } from './bird/index.js';
import type { BirdRaw } from './bird/raw.js';
import { exotel } from './exotel/index.js';
import type { ExotelRaw } from './exotel/raw.js';
import { google } from './google/index.js';
import type { GoogleRaw } from './google/raw.js';
import { infobip } from './infobip/index.js';
import type { InfobipRaw } from './infobip/raw.js';
import { sinch } from './sinch/index.js';
import type { SinchRaw } from './sinch/raw.js';
import { telnyx } from './telnyx/index.js';
import type { TelnyxRaw } from './telnyx/raw.js';
import { twilio } from './twilio/index.js';
import type { TwilioRaw } from './twilio/raw.js';
import { vonage } from './vonage/index.js';
import type { VonageRaw } from './vonage/raw.js';

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

/**
 * The `raw` of each provider's events (all but `unsupported`, whose `raw` is `unknown`): what that
 * provider's schemas validated. Adding a provider: one line here too.
 */
export interface ProviderRaw {
  infobip: InfobipRaw;
  bird: BirdRaw;
  telnyx: TelnyxRaw;
  exotel: ExotelRaw;
  google: GoogleRaw;
  vonage: VonageRaw;
  sinch: SinchRaw;
  twilio: TwilioRaw;
}
