import type { ConfiguredProvider } from '../core/providers.js';
import { type RcsWebhookError, RequestRejectedError } from '../errors/index.js';
import { matchRoute, type RouteMatch } from './route.js';
import type { PipelineState } from './state.js';

export type Preflight =
  | { kind: 'outside' }
  | { kind: 'reject'; error: RcsWebhookError; allow?: readonly string[] }
  | { kind: 'accept'; name: string; provider: ConfiguredProvider; segments: string[]; url: URL };

/**
 * Everything that can be decided from the method and URL alone, before a byte of the body is read:
 * adapters call this first so unknown paths and wrong methods never cost a body read.
 */
export function preflight(state: PipelineState, method: string, rawUrl: string): Preflight {
  const url = parseRequestUrl(rawUrl);
  if (url === undefined) return { kind: 'outside' };
  const route = matchRoute(state.mountPath, url.pathname);
  if (route.kind === 'outside') return { kind: 'outside' };

  const name = route.provider;
  const provider = name === undefined ? undefined : state.providers.get(name);
  const acceptsPath = provider?.definition.acceptsPath ?? ((segments) => segments.length === 0);
  if (name === undefined || provider === undefined || !acceptsPath(route.segments)) {
    return {
      kind: 'reject',
      error: unknownProvider(state, provider === undefined ? undefined : name, route),
    };
  }
  const methods = provider.definition.methods ?? ['POST'];
  if (!methods.includes(method.toUpperCase())) {
    return {
      kind: 'reject',
      error: new RequestRejectedError('method_not_allowed', `${method} is not accepted for ${name}`, {
        provider: name,
      }),
      allow: methods,
    };
  }
  return { kind: 'accept', name, provider, segments: route.segments, url };
}

/**
 * Never the path itself: a URL token travels in it (`…/exotel/<token>`), and a mistyped mount path
 * puts a token where the provider name should be. Only a configured provider is named.
 */
function unknownProvider(
  state: PipelineState,
  configured: string | undefined,
  route: Extract<RouteMatch, { kind: 'below' }>,
): RcsWebhookError {
  const below = route.provider === undefined ? 0 : 1 + route.segments.length;
  const message =
    configured === undefined
      ? `no configured provider matches the path (${below} segment(s) below the mount path; configured: ${[...state.providers.keys()].join(', ')})`
      : `${configured} does not accept ${route.segments.length} extra path segment(s)`;
  return new RequestRejectedError(
    'unknown_provider',
    message,
    configured === undefined ? {} : { provider: configured },
  );
}

function parseRequestUrl(rawUrl: string): URL | undefined {
  try {
    // Prefixing keeps a path such as `//evil.example/x` a path instead of a protocol-relative URL.
    return rawUrl.startsWith('/') ? new URL(`http://localhost${rawUrl}`) : new URL(rawUrl);
  } catch {
    return undefined;
  }
}
