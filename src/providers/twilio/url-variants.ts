const DEFAULT_PORTS: Record<string, string> = { http: '80', https: '443' };

// scheme "://" [userinfo "@"] host [":" port] rest; the host may be an IPv6 literal in brackets.
const URL_PARTS =
  /^([A-Za-z][A-Za-z0-9+.-]*):\/\/((?:[^/?#@]*@)?)(\[[^\]]*\]|[^/?#:]*)(?::(\d*))?([/?#].*)?$/s;

/**
 * The URLs a Twilio signature may have been computed over, given the URL Twilio called. Twilio's
 * own validator (twilio-node `validateRequest`) accepts the URL with any port removed and with the
 * default port (`:443` / `:80`) added, because "signature generation on the back end is
 * inconsistent". The URL is otherwise used exactly as given (no re-encoding of path or query).
 */
export function twilioUrlVariants(url: string): string[] {
  const parts = URL_PARTS.exec(url);
  if (parts === null) return [url];
  const [, scheme = '', userinfo = '', host = '', port, rest = ''] = parts;
  const prefix = `${scheme}://${userinfo}${host}`;
  const variants = [url, `${prefix}${rest}`];
  const defaultPort = DEFAULT_PORTS[scheme.toLowerCase()];
  if (port === undefined && defaultPort !== undefined) variants.push(`${prefix}:${defaultPort}${rest}`);
  return [...new Set(variants)];
}
