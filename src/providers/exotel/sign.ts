import { type BasicCredential, basicAuthorization } from '../../auth/basic.js';
import { withUrlToken } from '../../auth/url-token.js';
import type { SignedParts, SignInput } from '../types.js';

export interface ExotelSigning {
  /** The token to put in the callback URL. */
  urlToken?: string;
  /** Query parameter for the token (default `token`); must match the `tokenParam` option. */
  urlTokenParam?: string;
  /** `query` (default): `?token=<token>`; `path`: `/webhooks/rcs/exotel/<token>`. */
  urlTokenIn?: 'query' | 'path';
  /** Credentials as in `https://user:pass@host/...`: sent as `Authorization: Basic`. */
  basic?: BasicCredential;
}

/**
 * What Exotel sends to a callback URL that carries the given secrets: the URL itself (with the
 * token) and, for userinfo credentials, the Basic header an HTTP client derives from them.
 * Exotel adds no header of its own. The client address (IP allowlist) is the caller's to set.
 */
export function signExotel(input: SignInput, signing: ExotelSigning): SignedParts {
  const headers: Record<string, string> = {};
  if (signing.basic !== undefined) headers.authorization = basicAuthorization(signing.basic);
  if (signing.urlToken === undefined) return { headers };
  if (signing.urlTokenIn === 'path') {
    const url = new URL(input.url);
    url.pathname = `${url.pathname.replace(/\/+$/, '')}/${encodeURIComponent(signing.urlToken)}`;
    return { headers, url: url.toString() };
  }
  return { headers, url: withUrlToken(input.url, signing.urlToken, signing.urlTokenParam ?? 'token') };
}
