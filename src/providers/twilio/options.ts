import { z } from 'zod';
import { envList, providerOptions, secretList, toList } from '../options.js';
import { NAME } from './parameter-formats.js';

export const twilioOptions = providerOptions({
  /**
   * The account's Auth Token, which keys `X-Twilio-Signature`. During a rotation pass both the primary
   * and the secondary token: each is tried.
   */
  authToken: secretList.optional(),
  /**
   * The secret of the SharedKey a Webhook Rule signs with (requests carrying
   * `X-Twilio-Webhooks-Signature-Settings`); several during a rotation.
   */
  sharedKeySecret: secretList.optional(),
  /**
   * Parameter names to accept although this release does not know them: for a parameter Twilio
   * added later that a request is refused for ("follows a free-text value"). Each is free text.
   */
  extraParameters: z.array(z.string().regex(NAME)).optional(),
});

export type TwilioOptions = z.input<typeof twilioOptions>;

export interface TwilioConfig {
  authTokens: string[];
  sharedKeySecrets: string[];
  extraParameters: ReadonlySet<string>;
}

export function configureTwilio(options: z.output<typeof twilioOptions>): TwilioConfig {
  return {
    authTokens: toList(options.authToken),
    sharedKeySecrets: toList(options.sharedKeySecret),
    extraParameters: new Set(options.extraParameters),
  };
}

/** `RCS_TWILIO_AUTH_TOKEN` and `RCS_TWILIO_SHARED_KEY_SECRET` (comma-separated for rotation). */
export function twilioFromEnv(env: Readonly<Record<string, string | undefined>>): TwilioOptions | undefined {
  const authTokens = envList(env.RCS_TWILIO_AUTH_TOKEN);
  const sharedKeySecrets = envList(env.RCS_TWILIO_SHARED_KEY_SECRET);
  if (authTokens === undefined && sharedKeySecrets === undefined) return undefined;
  return {
    ...(authTokens === undefined ? {} : { authToken: authTokens }),
    ...(sharedKeySecrets === undefined ? {} : { sharedKeySecret: sharedKeySecrets }),
  };
}
