/**
 * Text as Redis and PostgreSQL can hold it. Both take UTF-8: a client encodes a lone UTF-16
 * surrogate (`"\ud800"`, which JSON allows in a provider's id) as U+FFFD, so two distinct ids would
 * become one key; PostgreSQL also refuses U+0000 in `text` and both in `jsonb` (a permanent error,
 * retried forever). So before a string becomes a key, a column or a JSON value, each of its code
 * units that is a lone surrogate, U+0000 or the escape character U+0001 itself becomes U+0001 and
 * four lowercase hex digits. Escaping the escape character keeps the mapping injective; any other
 * text, which is every identifier a provider really sends, is stored byte for byte as before.
 */

const ESCAPE = '\u0001';
/** A code unit to escape: NUL, the escape character, or a surrogate that is not half of a pair. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL and U+0001 are what is escaped
const UNSTORABLE = /[\u0000\u0001]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');
// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0001 introduces an escape
const ESCAPED_ALL = /\u0001([0-9a-f]{4})/g;
/**
 * In JSON text from `JSON.stringify`: a `\\` (skipped, so the `u` after an escaped backslash is
 * never read as an escape), or the `\u` escape it writes for NUL, U+0001 and a lone surrogate
 * (paired surrogates are written as they are).
 */
const JSON_UNSTORABLE_ALL = /\\(\\|u(?:000[01]|d[89a-f][0-9a-f]{2}))/g;

const hex4 = (unit: string) => unit.charCodeAt(0).toString(16).padStart(4, '0');

/** `text` with its unstorable code units escaped; the same string when it has none. */
export function escapeText(text: string): string {
  return UNSTORABLE.test(text) ? text.replace(UNSTORABLE_ALL, (unit) => ESCAPE + hex4(unit)) : text;
}

/** The text `escapeText` was given. */
export function unescapeText(text: string): string {
  return text.includes(ESCAPE)
    ? text.replace(ESCAPED_ALL, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    : text;
}

/** `escapeText` for an optional value. */
export function escapeOptional(text: string | undefined): string | undefined {
  return text === undefined ? undefined : escapeText(text);
}

/** `JSON.stringify(value)` with every string in it (keys included) escaped as `escapeText` does. */
export function escapedJson(value: unknown): string {
  return JSON.stringify(value).replace(JSON_UNSTORABLE_ALL, (match, sequence: string) =>
    sequence === '\\' ? match : `\\u0001${sequence.slice(1)}`,
  );
}

/** A value parsed from `escapedJson` text, with every string (keys included) unescaped. */
export function unescapeValue<T>(value: T): T {
  if (typeof value === 'string') return unescapeText(value) as T;
  if (Array.isArray(value)) return value.map(unescapeValue) as T;
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[unescapeText(key)] = unescapeValue(item);
  return copy as T;
}
