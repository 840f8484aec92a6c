import type { z } from 'zod';
import { envList, providerOptions, secretList, toList } from '../options.js';

export const googleOptions = providerOptions({
  /**
   * The webhook's `clientToken` (Business Communications Developer Console → webhook → Configure).
   * It answers the verification handshake and keys `X-Goog-Signature`. Several during a rotation,
   * or when partner and agent webhooks with different tokens share this URL.
   */
  clientToken: secretList.optional(),
});

export type GoogleOptions = z.input<typeof googleOptions>;

export interface GoogleConfig {
  clientTokens: string[];
}

export function configureGoogle(options: z.output<typeof googleOptions>): GoogleConfig {
  return { clientTokens: toList(options.clientToken) };
}

/** `RCS_GOOGLE_CLIENT_TOKEN`: one token, or several separated by commas during a rotation. */
export function googleFromEnv(env: Readonly<Record<string, string | undefined>>): GoogleOptions | undefined {
  const tokens = envList(env.RCS_GOOGLE_CLIENT_TOKEN);
  return tokens === undefined ? undefined : { clientToken: tokens };
}
