import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RequestHeaders } from '../../src/http/headers.js';
import { matchRoute, type RouteMatch } from '../../src/pipeline/route.js';

describe('RequestHeaders', () => {
  it('reads Node rawHeaders: every line, names in any case, repeats joined as Headers does', () => {
    const headers = RequestHeaders.fromRawHeaders([
      'Host',
      'example.test',
      'Authorization',
      'Basic a',
      'authorization',
      'Basic b',
      'Content-Type',
      'application/json',
    ]);
    expect(headers.get('authorization')).toBe('Basic a, Basic b');
    expect(headers.get('CONTENT-TYPE')).toBe('application/json');
    expect(headers.has('host')).toBe(true);
    expect([...headers]).toEqual([
      ['host', 'example.test'],
      ['authorization', 'Basic a, Basic b'],
      ['content-type', 'application/json'],
    ]);
  });

  it('agrees with the other header shapes', () => {
    const raw = ['X-Sig', '1', 'x-sig', '2', 'Accept', '*/*'];
    const fromRaw = [...RequestHeaders.fromRawHeaders(raw)];
    expect([...new RequestHeaders({ 'x-sig': ['1', '2'], accept: '*/*' })]).toEqual(fromRaw);
    const web = new Headers();
    web.append('X-Sig', '1');
    web.append('X-Sig', '2');
    web.append('Accept', '*/*');
    expect(new Map(new RequestHeaders(web))).toEqual(new Map(fromRaw));
  });

  it('is taken as it is when an adapter already built it', () => {
    const headers = RequestHeaders.fromRawHeaders(['a', '1']);
    expect(RequestHeaders.from(headers)).toBe(headers);
    expect(RequestHeaders.from({ a: '1' })).not.toBe(headers);
  });
});

/** The general route matcher, without the fast path for `<mount>/<provider>`: the oracle. */
function referenceMatch(mountPath: string, pathname: string): RouteMatch {
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

describe('matchRoute', () => {
  it('matches every path as the general matcher does', () => {
    const segment = fc.constantFrom('', 'infobip', 'rcs', 'webhooks', '%41', '%zz', 'a%2Fb', '.', 'x y');
    const path = fc
      .tuple(fc.array(segment, { maxLength: 6 }), fc.constantFrom('', '/', '//'))
      .map(([segments, tail]) => `/${segments.join('/')}${tail}`);
    const mount = fc.constantFrom('', '/webhooks/rcs', '/rcs', '/webhooks');
    fc.assert(
      fc.property(mount, path, (mountPath, pathname) => {
        expect(matchRoute(mountPath, pathname)).toEqual(referenceMatch(mountPath, pathname));
      }),
      { numRuns: 5000 },
    );
  });

  it('routes the usual request without decoding', () => {
    expect(matchRoute('/webhooks/rcs', '/webhooks/rcs/infobip')).toEqual({
      kind: 'below',
      provider: 'infobip',
      segments: [],
    });
    expect(matchRoute('/webhooks/rcs', '/webhooks/rcs/exotel/t%20k')).toEqual({
      kind: 'below',
      provider: 'exotel',
      segments: ['t k'],
    });
    expect(matchRoute('/webhooks/rcs', '/webhooks/rcsx')).toEqual({ kind: 'outside' });
  });
});
