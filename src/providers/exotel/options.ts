import { z } from 'zod';
import type { BasicCredential } from '../../auth/basic.js';
import { type IpAllowlist, parseCidrList, type TrustProxy } from '../../auth/ip-allowlist.js';
import { ConfigurationError } from '../../errors/index.js';
import { providerOptions, secretList, toList } from '../options.js';

const credential = z.strictObject({ username: z.string().min(1), password: z.string().min(1) });
const rangeList = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/**
 * Exotel signs nothing and sends no auth header of its own, so authentication is what the callback
 * URL carries. Every configured mechanism must pass (see README "Exotel").
 */
export const exotelOptions = providerOptions({
  /** Secret in the callback URL: `?token=<token>` or `/webhooks/rcs/exotel/<token>`; several for rotation. */
  token: secretList.optional(),
  /** Query parameter holding the token. Default `token`. */
  tokenParam: z.string().min(1).optional(),
  /** HTTP Basic credentials (`https://user:pass@host/...` in the callback URL, or added by a proxy). */
  basic: z.union([credential, z.array(credential).min(1)]).optional(),
  /** Addresses or CIDR ranges Exotel calls from (the list comes from Exotel support). */
  ipAllowlist: rangeList.optional(),
  /**
   * How the client address is found for `ipAllowlist`: `false` (default) the socket peer;
   * a number of proxies that append to X-Forwarded-For; or the proxies' own address ranges.
   */
  trustProxy: z.union([z.literal(false), z.number().int().positive(), rangeList]).optional(),
  /** Accept requests on the IP allowlist alone, without a token or Basic credentials. Must be exactly `true`. */
  allowlistOnly: z.literal(true).optional(),
});

export type ExotelOptions = z.input<typeof exotelOptions>;

export interface ExotelConfig {
  tokens: string[];
  tokenParam: string;
  basic: BasicCredential[];
  allowlist: IpAllowlist | undefined;
  allowlistOnly: boolean;
}

export function configureExotel(options: z.output<typeof exotelOptions>): ExotelConfig {
  const config: ExotelConfig = {
    tokens: toList(options.token),
    tokenParam: options.tokenParam ?? 'token',
    basic: toList(options.basic),
    allowlist: undefined,
    allowlistOnly: options.allowlistOnly === true,
  };
  const secretConfigured = config.tokens.length > 0 || config.basic.length > 0;
  if (options.ipAllowlist === undefined) {
    const trusting = options.trustProxy !== undefined && options.trustProxy !== false;
    if (trusting) fail('trustProxy only applies together with ipAllowlist');
    if (config.allowlistOnly) fail('allowlistOnly needs ipAllowlist');
    return config;
  }
  if (!secretConfigured && !config.allowlistOnly) {
    // An address check is a restriction on top of a credential, never a credential by itself.
    fail(
      'ipAllowlist alone does not authenticate Exotel callbacks: configure token (or basic), ' +
        'or set allowlistOnly: true to rely on the allowlist alone (see README)',
    );
  }
  if (secretConfigured && config.allowlistOnly) fail('allowlistOnly cannot be combined with token or basic');
  config.allowlist = {
    ranges: parseCidrList(toList(options.ipAllowlist), 'exotel ipAllowlist', 'exotel'),
    trustProxy: trustProxyOf(options.trustProxy),
  };
  return config;
}

function trustProxyOf(value: z.output<typeof exotelOptions>['trustProxy']): TrustProxy {
  if (value === undefined || value === false || typeof value === 'number') return value ?? false;
  return parseCidrList(toList(value), 'exotel trustProxy', 'exotel');
}

function fail(message: string): never {
  throw new ConfigurationError(`exotel: ${message}`, { provider: 'exotel' });
}

export function hasExotelCredentials(config: ExotelConfig): boolean {
  return config.tokens.length > 0 || config.basic.length > 0 || config.allowlistOnly;
}
