import { z } from 'zod';
import { envList, providerOptions, secretList, toList } from '../options.js';

/** One value or several (not secret: API keys and application ids are sent in clear JWT claims). */
const valueList = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

export const vonageOptions = providerOptions({
  /**
   * The account's signature secret (Dashboard → Settings → "Signature secret"; not the API secret).
   * Several during a rotation, or one per account/subaccount whose messages reach this endpoint.
   */
  signatureSecret: secretList.optional(),
  /** Accept only tokens whose `api_key` claim is one of these API keys. Default: any. */
  apiKey: valueList.optional(),
  /** Accept only tokens whose `application_id` claim is one of these application ids. Default: any. */
  applicationId: valueList.optional(),
  /**
   * Check `payload_hash` over the exact raw body only. By default a body whose bytes differ from its
   * own compact JSON serialization may also match on that serialization (README "Vonage: payload_hash").
   */
  strictPayloadHash: z.boolean().optional(),
});

export type VonageOptions = z.input<typeof vonageOptions>;

export interface VonageConfig {
  signatureSecrets: string[];
  apiKeys: string[];
  applicationIds: string[];
  strictPayloadHash: boolean;
}

export function configureVonage(options: z.output<typeof vonageOptions>): VonageConfig {
  return {
    signatureSecrets: toList(options.signatureSecret),
    apiKeys: toList(options.apiKey),
    applicationIds: toList(options.applicationId),
    strictPayloadHash: options.strictPayloadHash === true,
  };
}

/**
 * `RCS_VONAGE_SIGNATURE_SECRET` (comma-separated for rotation), optional `RCS_VONAGE_API_KEY` and
 * `RCS_VONAGE_APPLICATION_ID` (comma-separated), `RCS_VONAGE_STRICT_PAYLOAD_HASH` (`true` or `1`).
 */
export function vonageFromEnv(env: Readonly<Record<string, string | undefined>>): VonageOptions | undefined {
  const secrets = envList(env.RCS_VONAGE_SIGNATURE_SECRET);
  if (secrets === undefined) return undefined;
  const options: VonageOptions = { signatureSecret: secrets };
  const apiKeys = envList(env.RCS_VONAGE_API_KEY);
  if (apiKeys !== undefined) options.apiKey = apiKeys;
  const applicationIds = envList(env.RCS_VONAGE_APPLICATION_ID);
  if (applicationIds !== undefined) options.applicationId = applicationIds;
  const strict = env.RCS_VONAGE_STRICT_PAYLOAD_HASH?.trim().toLowerCase();
  if (strict === 'true' || strict === '1') options.strictPayloadHash = true;
  return options;
}
