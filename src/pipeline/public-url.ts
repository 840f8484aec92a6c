import type { RequestHeaders } from '../http/headers.js';
import type { WebhookRequest } from '../http/types.js';
import type { PipelineState } from './state.js';

/**
 * The URL the provider called, which URL-signing schemes (Bird, Twilio) sign. Behind a proxy the
 * received URL differs (http vs https, internal host), so the user states it: `publicUrl` as an
 * origin or a function, or `trustProxy` to read X-Forwarded-Proto / X-Forwarded-Host. Forwarded
 * headers are ignored unless trusted: anyone can send them.
 */
export function publicUrlOf(
  state: PipelineState,
  request: WebhookRequest,
  url: URL,
  headers: RequestHeaders,
): string {
  const option = state.publicUrl;
  if (typeof option === 'function') return option(request);
  // The URL as sent, mount prefix included (Express app.use('/api', ...)): what the provider called.
  const sent = request.originalUrl ?? request.url;
  const absolute = !sent.startsWith('/');
  const parsed = absolute && sent !== request.url ? parseOr(sent, url) : url;
  const pathAndQuery = rawPathAndQuery(sent, parsed);
  if (typeof option === 'string') return `${option.replace(/\/+$/, '')}${pathAndQuery}`;
  let protocol = absolute ? parsed.protocol.slice(0, -1) : 'http';
  let host = absolute ? rawHost(sent, parsed) : (headers.get('host') ?? 'localhost');
  if (state.trustProxy) {
    protocol = firstValue(headers.get('x-forwarded-proto')) ?? protocol;
    host = firstValue(headers.get('x-forwarded-host')) ?? host;
  }
  return `${protocol}://${host}${pathAndQuery}`;
}

function parseOr(rawUrl: string, fallback: URL): URL {
  try {
    return new URL(rawUrl);
  } catch {
    return fallback;
  }
}

/** The client-most value of a forwarded header (`https, http` → `https`). */
function firstValue(value: string | undefined): string | undefined {
  const first = value?.split(',')[0]?.trim();
  return first === '' ? undefined : first;
}

/** The host and port of an absolute request URL as sent: a parsed `URL` lower-cases the host. */
function rawHost(rawUrl: string, parsed: URL): string {
  const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(rawUrl)?.[1];
  return authority === undefined ? parsed.host : authority.slice(authority.lastIndexOf('@') + 1);
}

/**
 * The path and query exactly as the request line carried them. A parsed `URL` re-escapes some
 * characters (a `'` in the query becomes `%27`), but providers sign the URL as they sent it.
 */
function rawPathAndQuery(rawUrl: string, parsed: URL): string {
  if (rawUrl.startsWith('/')) return rawUrl;
  const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(rawUrl);
  return origin === null ? `${parsed.pathname}${parsed.search}` : rawUrl.slice(origin[0].length) || '/';
}
