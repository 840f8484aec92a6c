import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeForm } from '../../../src/providers/twilio/decode-form.js';

// The fast form decoding (authentication and normalization both read it) must equal URLSearchParams.
const piece = fc.oneof(
  fc.string({ maxLength: 6, unit: 'binary' }),
  fc.constantFrom(
    '%',
    '%2',
    '%zz',
    '%41',
    '%C3%A9',
    '%C3',
    '%ED%A0%80',
    '%F0%9F%98%80',
    '+',
    '&',
    '=',
    '&&',
    '==',
  ),
  fc.integer({ min: 0, max: 255 }).map((byte) => `%${byte.toString(16).padStart(2, '0')}`),
);

describe('twilio form decoding', () => {
  it('decodes exactly as URLSearchParams does', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => {
        const text = pieces.join('');
        expect(decodeForm(text)).toEqual([...new URLSearchParams(text)]);
      }),
      { numRuns: 2000 },
    );
  });
});
