/** Where a request path points relative to the mount path. */
export type RouteMatch =
  | { kind: 'outside' }
  | { kind: 'below'; provider: string | undefined; segments: string[] };

export function normalizeMountPath(path: string): string {
  const trimmed = `/${path}`.replace(/\/+/g, '/').replace(/\/$/, '');
  return trimmed;
}

/** `/webhooks/rcs/telnyx` → provider `telnyx`; `/webhooks/rcs/exotel/<token>` → segments `[token]`. */
export function matchRoute(mountPath: string, pathname: string): RouteMatch {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path !== mountPath && !path.startsWith(`${mountPath}/`)) return { kind: 'outside' };
  const rest = path
    .slice(mountPath.length)
    .split('/')
    .filter((segment) => segment !== '');
  try {
    const [provider, ...segments] = rest.map((segment) => decodeURIComponent(segment));
    return { kind: 'below', provider, segments };
  } catch {
    return { kind: 'below', provider: undefined, segments: [] };
  }
}
