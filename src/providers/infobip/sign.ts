import { type BasicCredential, basicAuthorization } from '../../auth/basic.js';
import { signHmacHeader } from '../../auth/hmac-header.js';
import { withUrlToken } from '../../auth/url-token.js';
import type { HmacAlgorithm } from '../../crypto/hmac.js';
import type { SignedParts, SignInput } from '../types.js';

export interface InfobipSigning {
  basic?: BasicCredential;
  hmac?: {
    secret: string;
    header: string;
    algorithm?: HmacAlgorithm;
    encoding?: 'hex' | 'base64';
    prefix?: string;
  };
  urlToken?: string;
  urlTokenParam?: string;
}

/** Authenticates a test request the way the given Infobip settings expect. */
export function signInfobip(input: SignInput, signing: InfobipSigning): SignedParts {
  const headers: Record<string, string> = {};
  if (signing.basic !== undefined) headers.authorization = basicAuthorization(signing.basic);
  if (signing.hmac !== undefined) {
    const { secret, header, algorithm = 'sha256', encoding = 'hex', prefix = '' } = signing.hmac;
    headers[header.toLowerCase()] = signHmacHeader(input.body, {
      secret,
      header,
      algorithm,
      encoding,
      prefix,
    });
  }
  if (signing.urlToken === undefined) return { headers };
  return { headers, url: withUrlToken(input.url, signing.urlToken, signing.urlTokenParam ?? 'token') };
}
