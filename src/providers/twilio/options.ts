import type { z } from 'zod';
import { envList, providerOptions, secretList, toList } from '../options.js';

export const twilioOptions = providerOptions({
  /**
   * The account's Auth Token, which keys `X-Twilio-Signature`. During a rotation pass both the primary
   * and the secondary token: each is tried.
   */
  authToken: secretList.optional(),
});

export type TwilioOptions = z.input<typeof twilioOptions>;

export interface TwilioConfig {
  authTokens: string[];
}

export function configureTwilio(options: z.output<typeof twilioOptions>): TwilioConfig {
  return { authTokens: toList(options.authToken) };
}

/** `RCS_TWILIO_AUTH_TOKEN` (comma-separated for rotation). */
export function twilioFromEnv(env: Readonly<Record<string, string | undefined>>): TwilioOptions | undefined {
  const authTokens = envList(env.RCS_TWILIO_AUTH_TOKEN);
  return authTokens === undefined ? undefined : { authToken: authTokens };
}
