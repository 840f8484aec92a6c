import { legacyQuery } from './legacy-query.js';

const DEFAULT_PORTS: Record<string, string> = { http: '80', https: '443' };

// scheme "://" [userinfo "@"] host [":" port] rest; the host may be an IPv6 literal in brackets.
const URL_PARTS =
  /^([A-Za-z][A-Za-z0-9+.-]*):\/\/((?:[^/?#@]*@)?)(\[[^\]]*\]|[^/?#:]*)(?::(\d*))?([/?#].*)?$/s;

/**
 * The URLs a Twilio signature may have been computed over, given the URL Twilio called, in the order
 * twilio-node `validateRequest` tries them ("signature generation on the back end is inconsistent"):
 * 1. the URL as received, with any port removed and with the default port (`:443` / `:80`) added
 *    (a URL with another port is also tried as is);
 * 2. then the URL as `new URL()` normalizes it (host lower-cased, `'` in the query as `%27`, default
 *    port dropped), without and with the port, each also with its query re-encoded by Node's legacy
 *    `querystring` (`+` and `%20` for a space are interchangeable there).
 */
export function twilioUrlVariants(url: string): string[] {
  const variants = portVariants(url);
  const normalized = normalize(url);
  if (normalized !== undefined) {
    for (const candidate of portVariants(normalized, false)) {
      variants.push(candidate, withLegacyQuery(candidate));
    }
  }
  return [...new Set(variants)];
}

/** The URL as given (unless `keep` is false), without its port, and with the default port if it had none. */
function portVariants(url: string, keep = true): string[] {
  const parts = URL_PARTS.exec(url);
  if (parts === null) return [url];
  const [, scheme = '', userinfo = '', host = '', port, rest = ''] = parts;
  const prefix = `${scheme}://${userinfo}${host}`;
  const variants = keep ? [url, `${prefix}${rest}`] : [`${prefix}${rest}`];
  const defaultPort = DEFAULT_PORTS[scheme.toLowerCase()];
  if (port === undefined && defaultPort !== undefined) variants.push(`${prefix}:${defaultPort}${rest}`);
  else if (!keep && port !== undefined) variants.push(url);
  return variants;
}

function normalize(url: string): string | undefined {
  try {
    return new URL(url).toString();
  } catch {
    return undefined;
  }
}

function withLegacyQuery(url: string): string {
  const start = url.indexOf('?');
  if (start === -1 || start === url.length - 1) return url;
  return `${url.slice(0, start)}?${legacyQuery(url.slice(start + 1))}`;
}
