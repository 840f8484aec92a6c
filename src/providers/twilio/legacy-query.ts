/**
 * A query string re-encoded as Node's legacy `querystring.stringify(querystring.parse(query))` does it,
 * which is one of the URL forms twilio-node tries: repeated names grouped at their first place (in
 * object key order: integer-like names first), `+` read as a space, every value escaped like
 * `encodeURIComponent`. Written out rather than imported, so that src/ needs no `node:querystring`
 * (test/providers/twilio/legacy-query.test.ts checks it against Node's own, property by property).
 */
export function legacyQuery(query: string): string {
  const params: Record<string, string[]> = Object.create(null);
  let pairs = 0;
  for (const pair of query.split('&')) {
    if (pairs++ === MAX_KEYS) break;
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const encoded = scanEncoded(pair);
    const name = unescapeLegacy(equals === -1 ? pair : pair.slice(0, equals), encoded.name);
    const value = equals === -1 ? '' : unescapeLegacy(pair.slice(equals + 1), encoded.value);
    const values = params[name];
    if (values === undefined) params[name] = [value];
    else values.push(value);
  }
  const parts: string[] = [];
  for (const name of Object.keys(params)) {
    for (const value of params[name] ?? [])
      parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  }
  return parts.join('&');
}

/** `querystring.parse`'s default `maxKeys`. */
const MAX_KEYS = 1000;

/** As `querystring.parse` decodes: `+` is always a space; `%XX` only where `scanEncoded` said so. */
function unescapeLegacy(text: string, encoded: boolean): string {
  const spaced = text.replaceAll('+', ' ');
  if (!encoded) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return lenientDecode(spaced);
  }
}

/**
 * `querystring.parse`'s one-pass scan for a valid `%XX` deciding whether the name and the value of a
 * pair get percent-decoded at all. Its quirks decide the result for odd input, so it is followed
 * exactly: in the name a `+` interrupts a `%XX`, in the value it does not, and once the name is known
 * to be encoded, its further characters feed the value's scan.
 */
function scanEncoded(pair: string): { name: boolean; value: boolean } {
  let name = false;
  let value = false;
  let inValue = false;
  let seen = 0;
  for (let index = 0; index < pair.length; index++) {
    const unit = pair.charCodeAt(index);
    if (!inValue) {
      if (unit === 0x3d) {
        inValue = true;
        seen = 0;
        continue;
      }
      if (!name) {
        if (unit === 0x25) {
          seen = 1;
          continue;
        }
        if (seen > 0) {
          if (hexValue(unit) !== undefined) {
            if (++seen === 3) name = true;
            continue;
          }
          seen = 0;
        }
      }
      if (unit === 0x2b) continue;
    }
    if (unit === 0x2b || value) continue;
    if (unit === 0x25) seen = 1;
    else if (seen > 0) {
      if (hexValue(unit) === undefined) seen = 0;
      else if (++seen === 3) value = true;
    }
  }
  return { name, value };
}

/**
 * Decodes each valid `%XX` to its byte and keeps every other UTF-16 unit as its low byte (as Node's
 * `querystring.unescapeBuffer` does); the bytes are then read as UTF-8, invalid sequences as U+FFFD.
 */
function lenientDecode(text: string): string {
  const bytes = Buffer.alloc(text.length);
  let length = 0;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    const high = hexValue(text.charCodeAt(index + 1));
    const low = hexValue(text.charCodeAt(index + 2));
    if (unit === 0x25 && high !== undefined && low !== undefined) {
      bytes[length++] = high * 16 + low;
      index += 2;
    } else {
      bytes[length++] = unit & 0xff;
    }
  }
  return bytes.subarray(0, length).toString('utf8');
}

function hexValue(unit: number): number | undefined {
  if (unit >= 0x30 && unit <= 0x39) return unit - 0x30;
  const lower = unit | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : undefined;
}
