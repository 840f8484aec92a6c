/** Where a request path points relative to the mount path. */
export type RouteMatch =
  | { kind: 'outside' }
  | { kind: 'below'; provider: string | undefined; segments: string[] };

export function normalizeMountPath(path: string): string {
  const trimmed = `/${path}`.replace(/\/+/g, '/').replace(/\/$/, '');
  return trimmed;
}

const OUTSIDE: RouteMatch = { kind: 'outside' };

/** `/webhooks/rcs/telnyx` → provider `telnyx`; `/webhooks/rcs/exotel/<token>` → segments `[token]`. */
export function matchRoute(mountPath: string, pathname: string): RouteMatch {
  const path = pathname.length > 1 && pathname.endsWith('/') ? pathname.replace(/\/+$/, '') : pathname;
  if (path !== mountPath && !path.startsWith(`${mountPath}/`)) return OUTSIDE;
  const rest = path.slice(mountPath.length + 1);
  // The usual request, `<mount>/<provider>` with nothing to decode: no split, filter or decoding.
  if (rest !== '' && !rest.includes('/') && !rest.includes('%')) {
    return { kind: 'below', provider: rest, segments: [] };
  }
  const parts = rest.split('/').filter((segment) => segment !== '');
  try {
    const [provider, ...segments] = parts.map((segment) => decodeURIComponent(segment));
    return { kind: 'below', provider, segments };
  } catch {
    return { kind: 'below', provider: undefined, segments: [] };
  }
}
