import type { z } from 'zod';
import { envList, providerOptions, secretList, toList } from '../options.js';

export const sinchOptions = providerOptions({
  /**
   * The webhook's secret (Conversation API app → Webhooks → Secret), used as a UTF-8 string.
   * Several during a rotation: each is tried. Sinch signs callbacks only when a secret is set.
   */
  secret: secretList.optional(),
});

export type SinchOptions = z.input<typeof sinchOptions>;

export interface SinchConfig {
  secrets: string[];
}

export function configureSinch(options: z.output<typeof sinchOptions>): SinchConfig {
  return { secrets: toList(options.secret) };
}

/** `RCS_SINCH_SECRET`: the webhook secret, or several separated by commas during a rotation. */
export function sinchFromEnv(env: Readonly<Record<string, string | undefined>>): SinchOptions | undefined {
  const secrets = envList(env.RCS_SINCH_SECRET);
  return secrets === undefined ? undefined : { secret: secrets };
}
