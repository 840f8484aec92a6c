import { describe, expect, it } from 'vitest';
import { belowRouterPrefix } from '../../adapters/koa/router-prefix.js';
import { belowPrefix, prefixDepth } from '../../adapters/node/below-prefix.js';

describe('belowPrefix', () => {
  it('drops the prefix segments and keeps the query as sent', () => {
    expect(belowPrefix('/api/acme/webhooks/rcs/twilio?x=/a%2Fb', 2)).toBe('/webhooks/rcs/twilio?x=/a%2Fb');
    expect(belowPrefix('/API/webhooks/rcs/bird', 1)).toBe('/webhooks/rcs/bird');
    expect(belowPrefix('/webhooks/rcs/bird', 0)).toBe('/webhooks/rcs/bird');
  });

  it('keeps a URL with fewer segments, or one that is not a path, as it is', () => {
    expect(belowPrefix('/api', 1)).toBe('/api');
    expect(belowPrefix('/api?next=/webhooks/rcs/bird', 1)).toBe('/api?next=/webhooks/rcs/bird');
    expect(belowPrefix('http://host/api/webhooks/rcs/bird', 1)).toBe('http://host/api/webhooks/rcs/bird');
  });

  it('counts literal and parameter segments of a prefix pattern', () => {
    expect([prefixDepth(''), prefixDepth('/api'), prefixDepth('/v1/tenants/:tenant/')]).toEqual([0, 1, 3]);
  });
});

describe('belowRouterPrefix (@koa/router)', () => {
  const url = '/api/t/acme/webhooks/rcs/infobip?x=1';
  it('drops the segments the route pattern puts before the core path', () => {
    for (const pattern of [
      '/api/t/:tenant/webhooks/rcs/{*rest}',
      '/api/t/:tenant/webhooks/rcs/:provider',
      '/api/t/:tenant/webhooks/rcs/(.*)',
      '/api/t/:tenant/webhooks/rcs{/*rest}',
    ]) {
      expect(belowRouterPrefix(url, pattern, '/webhooks/rcs')).toBe('/webhooks/rcs/infobip?x=1');
    }
    // A prefix that repeats the core path: the last occurrence is the core's.
    expect(
      belowRouterPrefix(
        '/webhooks/rcs/webhooks/rcs/bird',
        '/webhooks/rcs/webhooks/rcs/{*r}',
        '/webhooks/rcs',
      ),
    ).toBe('/webhooks/rcs/bird');
  });

  it('keeps the URL outside a route, or when the pattern does not hold the core path', () => {
    expect(belowRouterPrefix(url, undefined, '/webhooks/rcs')).toBe(url);
    expect(belowRouterPrefix(url, '/api/hooks/{*rest}', '/webhooks/rcs')).toBe(url);
    expect(belowRouterPrefix(url, '/api/webhooks/rcsx/{*rest}', '/webhooks/rcs')).toBe(url);
    // The core path given whole, prefix included (`path: '/api/webhooks/rcs'`): nothing to drop.
    expect(belowRouterPrefix('/api/webhooks/rcs/bird', '/api/webhooks/rcs/{*r}', '/api/webhooks/rcs')).toBe(
      '/api/webhooks/rcs/bird',
    );
    expect(belowRouterPrefix(url, '/api/{*rest}', '')).toBe(url);
  });
});
