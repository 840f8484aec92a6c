import { parse, stringify } from 'node:querystring';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { legacyQuery } from '../../../src/providers/twilio/legacy-query.js';

const node = (query: string) => stringify(parse(query));

describe('legacyQuery (twilio-node legacy URL form)', () => {
  it.each([
    'a=1&b=2&a=3',
    'b=1&2=x',
    '=x&y',
    'a&&b=',
    '%zz=%E0%A4%A',
    'a+b=c%20d',
    '__proto__=1&constructor=2',
    'a=1=2',
    "O'Brien=x&n=%27",
    'name=%F0%9F%98%80&bad=%ED%A0%80',
  ])('re-encodes %s as Node does', (query) => {
    expect(legacyQuery(query)).toBe(node(query));
  });

  it('agrees with node:querystring on arbitrary query text', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        '&',
        '=',
        '+',
        '%',
        '%2',
        '%20',
        '%41',
        '%E2%82%AC',
        '%C3',
        '%zz',
        "'",
        '~',
        '1',
        'a',
        'é',
      ),
      fc.string({ maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const query = pieces.join('');
        let expected: string;
        try {
          expected = node(query);
        } catch {
          // Lone surrogates: both throw URIError.
          expect(() => legacyQuery(query)).toThrow(URIError);
          return;
        }
        expect(legacyQuery(query)).toBe(expected);
      }),
      { numRuns: 5_000 },
    );
  });

  it('keeps only the first 1,000 pairs, as querystring.parse does', () => {
    const query = Array.from({ length: 1_005 }, (_, index) => `k${index}=v`).join('&');
    expect(legacyQuery(query)).toBe(node(query));
  });
});
