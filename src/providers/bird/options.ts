import { z } from 'zod';
import { envList, providerOptions, secretList, toList } from '../options.js';

export const birdOptions = providerOptions({
  /**
   * The `signingKey` you chose when creating the webhook subscription (Bird never returns it).
   * Several keys during a rotation: each is tried.
   */
  signingKey: secretList.optional(),
  /**
   * Also accept the legacy `MessageBird-Signature-JWT` header (MessageBird's HS256/384/512 JWT with
   * `url_hash` and `payload_hash` claims). Off by default: Bird's Channels and Conversations webhooks
   * sign with `MessageBird-Signature`, which stays accepted when this is on.
   */
  legacyJwt: z.boolean().optional(),
});

export type BirdOptions = z.input<typeof birdOptions>;

export interface BirdConfig {
  signingKeys: string[];
  legacyJwt: boolean;
}

export function configureBird(options: z.output<typeof birdOptions>): BirdConfig {
  return { signingKeys: toList(options.signingKey), legacyJwt: options.legacyJwt === true };
}

/** `RCS_BIRD_SIGNING_KEY` (comma-separated for rotation) and `RCS_BIRD_LEGACY_JWT` (`true` or `1`). */
export function birdFromEnv(env: Readonly<Record<string, string | undefined>>): BirdOptions | undefined {
  const signingKeys = envList(env.RCS_BIRD_SIGNING_KEY);
  if (signingKeys === undefined) return undefined;
  const options: BirdOptions = { signingKey: signingKeys };
  const legacy = env.RCS_BIRD_LEGACY_JWT?.trim().toLowerCase();
  if (legacy === 'true' || legacy === '1') options.legacyJwt = true;
  return options;
}
