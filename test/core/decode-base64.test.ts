import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeBase64 } from '../../src/crypto/encoding.js';
import { seededRandom } from '../helpers/seeded-random.js';

/** What decodeBase64 accepted until issue 13 A2 (the oracle: the same texts must still pass, no others). */
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const oracle = (value: string) => (STRICT_BASE64.test(value) ? Buffer.from(value, 'base64') : undefined);

// The alphabet, padding, base64url's characters, whitespace, and characters whose low byte is in
// the alphabet (Node's decoder reads only the low byte of a non-ASCII character).
const CHARACTERS = [
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  ...'==-_ \n\t.:!\0',
  '\u0141',
  '\u00c1',
  '\u0100',
  '\u012b',
  '\u022f',
  '\ud800',
  '\u00ff',
  '\u0080',
];

describe('decodeBase64', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('accepts exactly the texts the strict regex accepted, with the same bytes', () => {
    const random = seededRandom(13);
    const pick = () => CHARACTERS[Math.floor(random() * (random() < 0.85 ? 64 : CHARACTERS.length))];
    for (let index = 0; index < 200_000; index++) {
      const length = Math.floor(random() * 14);
      let text = '';
      for (let position = 0; position < length; position++) text += pick();
      const expected = oracle(text);
      const actual = decodeBase64(text);
      if (expected === undefined) expect(actual, JSON.stringify(text)).toBeUndefined();
      else expect(actual?.equals(expected), JSON.stringify(text)).toBe(true);
    }
  });

  it('decodes padded texts and refuses lenient forms', () => {
    expect(decodeBase64('')?.length).toBe(0);
    expect(decodeBase64('QQ==')?.toString()).toBe('A');
    expect(decodeBase64('QUI=')?.toString()).toBe('AB');
    expect(decodeBase64('QUJD')?.toString()).toBe('ABC');
    for (const lenient of ['QQ', 'QQ=', 'Q===', '====', 'QQ==QQ==', 'Q Q=', '-_-_', 'QUJ\u0141']) {
      expect(decodeBase64(lenient), lenient).toBeUndefined();
    }
  });

  it('runs no regular expression over a 1 MiB text (Google message.data, before authentication)', () => {
    const text = randomBytes(768 * 1024).toString('base64');
    const scanned: number[] = [];
    for (const method of ['test', 'exec'] as const) {
      const original = RegExp.prototype[method] as (this: RegExp, input: string) => unknown;
      vi.spyOn(RegExp.prototype, method).mockImplementation(function (this: RegExp, input: string) {
        scanned.push(String(input).length);
        return original.call(this, input) as never;
      });
    }
    expect(decodeBase64(text)?.length).toBe(768 * 1024);
    expect(scanned.filter((length) => length >= text.length)).toEqual([]);
  });
});
