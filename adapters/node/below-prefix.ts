/**
 * `url` below a framework prefix that the framework routed on but left in the URL (Fastify
 * prefixes, @koa/router prefixes): its first `depth` path segments are dropped,
 * `/api/acme/webhooks/rcs/x?q=1` (2) → `/webhooks/rcs/x?q=1`. The core routes on the rest, so its
 * `path` is relative to the prefix, as under Express's `app.use('/api', ...)`. A URL with fewer
 * segments, or not a path, is returned as it is (the core then finds it outside its path).
 */
export function belowPrefix(url: string, depth: number): string {
  if (depth === 0 || !url.startsWith('/')) return url;
  let cut = 0;
  for (let segment = 0; segment < depth; segment++) {
    cut = url.indexOf('/', cut + 1);
    if (cut === -1) return url;
  }
  const query = url.indexOf('?');
  return query !== -1 && query < cut ? url : url.slice(cut);
}

/** How many path segments a prefix pattern spans: a literal or a `:param` is one segment each. */
export function prefixDepth(pattern: string): number {
  return pattern.split('/').filter((segment) => segment !== '').length;
}
