import { matchesAny } from '../crypto/compare.js';
import type { ProviderRequest } from '../providers/types.js';

/**
 * A shared secret placed in the callback URL, for providers that sign nothing: either the query
 * parameter `param` or the single path segment after `/<provider>` (`…/exotel/<token>`).
 */
export function verifyUrlToken(
  request: ProviderRequest,
  tokens: readonly string[],
  param: string,
): 'ok' | 'missing' | 'invalid' {
  const candidate = request.url.searchParams.get(param) ?? request.pathSegments[0];
  if (candidate === undefined || candidate === '') return 'missing';
  return matchesAny(candidate, tokens) ? 'ok' : 'invalid';
}

/** Accepts no extra path segment, or exactly one (the token). */
export function acceptsTokenPath(segments: readonly string[]): boolean {
  return segments.length <= 1;
}

export function withUrlToken(url: string, token: string, param: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set(param, token);
  return parsed.toString();
}
