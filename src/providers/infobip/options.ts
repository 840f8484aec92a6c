import { z } from 'zod';
import type { BasicCredential } from '../../auth/basic.js';
import type { HmacHeaderConfig } from '../../auth/hmac-header.js';
import type { HmacAlgorithm } from '../../crypto/hmac.js';
import { envList, providerOptions, secretList, toList } from '../options.js';

const credential = z.strictObject({ username: z.string().min(1), password: z.string().min(1) });

// Infobip names its algorithms HMAC_SHA_256 and so on (Subscriptions security settings); both spellings work.
const ALGORITHMS: Record<string, HmacAlgorithm> = {
  md5: 'md5',
  sha1: 'sha1',
  sha224: 'sha224',
  sha256: 'sha256',
  sha384: 'sha384',
  sha512: 'sha512',
  HMAC_MD5: 'md5',
  HMAC_SHA_1: 'sha1',
  HMAC_SHA_224: 'sha224',
  HMAC_SHA_256: 'sha256',
  HMAC_SHA_384: 'sha384',
  HMAC_SHA_512: 'sha512',
};

export const infobipOptions = providerOptions({
  /** HTTP Basic credentials of the Subscriptions notification profile; several pairs for rotation. */
  basic: z.union([credential, z.array(credential).min(1)]).optional(),
  /**
   * HMAC over the raw body. Infobip does not publicly document its HMAC wire format, so the header
   * is required and algorithm/encoding are configurable (see README).
   */
  hmac: z
    .strictObject({
      secret: secretList,
      header: z.string().min(1),
      algorithm: z.enum(Object.keys(ALGORITHMS) as [string, ...string[]]).optional(),
      encoding: z.enum(['hex', 'base64', 'auto']).optional(),
      prefix: z.string().optional(),
    })
    .optional(),
  /** Secret token in per-message webhook URLs (`?token=` or `/infobip/<token>`), which carry no auth. */
  urlToken: secretList.optional(),
  /** Query parameter holding the URL token. Default `token`. */
  urlTokenParam: z.string().min(1).optional(),
});

export type InfobipOptions = z.input<typeof infobipOptions>;

export interface InfobipConfig {
  basic: BasicCredential[];
  hmac: HmacHeaderConfig | undefined;
  urlTokens: string[];
  urlTokenParam: string;
}

export function configureInfobip(options: z.output<typeof infobipOptions>): InfobipConfig {
  const { hmac } = options;
  return {
    basic: toList(options.basic),
    hmac:
      hmac === undefined
        ? undefined
        : {
            secrets: toList(hmac.secret),
            header: hmac.header,
            algorithm: ALGORITHMS[hmac.algorithm ?? 'sha256'] ?? 'sha256',
            encoding: hmac.encoding ?? 'auto',
            prefix: hmac.prefix ?? '',
          },
    urlTokens: toList(options.urlToken),
    urlTokenParam: options.urlTokenParam ?? 'token',
  };
}

/** `RCS_INFOBIP_USERNAME` / `_PASSWORD`, `RCS_INFOBIP_HMAC_SECRET` (+ `_HEADER`, `_ALGORITHM`, `_ENCODING`), `RCS_INFOBIP_URL_TOKEN`. */
export function infobipFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): InfobipOptions | undefined {
  const options: InfobipOptions = {};
  const { RCS_INFOBIP_USERNAME: username, RCS_INFOBIP_PASSWORD: password } = env;
  if (username !== undefined && password !== undefined) options.basic = { username, password };
  const hmacSecrets = envList(env.RCS_INFOBIP_HMAC_SECRET);
  if (hmacSecrets !== undefined) {
    options.hmac = { secret: hmacSecrets, header: env.RCS_INFOBIP_HMAC_HEADER ?? '' };
    if (env.RCS_INFOBIP_HMAC_ALGORITHM !== undefined) options.hmac.algorithm = env.RCS_INFOBIP_HMAC_ALGORITHM;
    const encoding = env.RCS_INFOBIP_HMAC_ENCODING;
    if (encoding === 'hex' || encoding === 'base64' || encoding === 'auto') options.hmac.encoding = encoding;
  }
  const urlTokens = envList(env.RCS_INFOBIP_URL_TOKEN);
  if (urlTokens !== undefined) options.urlToken = urlTokens;
  return Object.keys(options).length === 0 ? undefined : options;
}
