import { belowPrefix, prefixDepth } from '../node/below-prefix.js';

/**
 * The URL below the prefixes of a @koa/router route. @koa/router runs a route's middleware with
 * `ctx.url` unchanged, router prefixes included (koa-mount, by contrast, makes it relative). The
 * route's pattern, `ctx.routerPath` (`/api/tenants/:tenant/webhooks/rcs/{*rest}`), shows how many
 * segments come before the core's path: those are dropped, so `path` is relative to the prefix.
 * Without a pattern that contains the core's path, `url` is kept as it is.
 */
export function belowRouterPrefix(url: string, routerPath: unknown, mountPath: string): string {
  if (typeof routerPath !== 'string' || mountPath === '') return url;
  const at = mountIndex(routerPath, mountPath);
  return at <= 0 ? url : belowPrefix(url, prefixDepth(routerPath.slice(0, at)));
}

/** Where `mountPath` ends the prefix in the pattern: the last place followed by `/`, `{`, `(` or nothing. */
function mountIndex(pattern: string, mountPath: string): number {
  for (let at = pattern.lastIndexOf(mountPath); at >= 0; at = pattern.lastIndexOf(mountPath, at - 1)) {
    const next = pattern[at + mountPath.length];
    if (next === undefined || next === '/' || next === '{' || next === '(') return at;
    if (at === 0) break;
  }
  return -1;
}
