/**
 * Finds `message.data` in a Pub/Sub push body without parsing the body. `X-Goog-Signature` covers the
 * decoded `message.data`, so the body must be read before anything is verified; a `JSON.parse` of an
 * unauthenticated 1 MiB body (deeply nested, or 500,000 tiny values) costs up to a hundred times an
 * Infobip Basic-auth refusal (issue 13 item A2). A push envelope is three levels deep with a few dozen
 * members (at most 100 attributes), so this scan refuses anything past `MAX_DEPTH` levels or
 * `MAX_TOKENS` keys and values, and skips strings with `indexOf`: its cost is bounded whatever the body.
 *
 * Duplicate keys resolve as `JSON.parse` resolves them: the last `message`, and its last `data`. The
 * scan checks the JSON grammar of the structure only (not escapes or control characters inside
 * strings it skips): the authenticator parses the whole body once the signature has verified, and
 * refuses it unless its `message.data` is the string found here.
 */

export type LocatedData =
  | { kind: 'found'; data: string }
  /** Well formed so far, but no `message.data` string (the top level, `message` or `data` has another type). */
  | { kind: 'missing' }
  | { kind: 'malformed'; reason: string };

export const MAX_DEPTH = 8;
export const MAX_TOKENS = 4096;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;
/** The longest JSON spelling of `message` (every character as `\uXXXX`) plus its quotes. */
const MAX_NAME_BYTES = 7 * 6 + 2;
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

class Malformed extends Error {}

export function locateMessageData(body: Uint8Array): LocatedData {
  const scan = new Scan(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
  try {
    const data = scan.document();
    return data === undefined ? { kind: 'missing' } : { kind: 'found', data };
  } catch (error) {
    if (error instanceof Malformed) return { kind: 'malformed', reason: error.message };
    throw error;
  }
}

class Scan {
  private position = 0;
  private tokens = 0;

  constructor(private readonly bytes: Buffer) {}

  /** The whole body: one value and nothing after it but whitespace. */
  document(): string | undefined {
    this.space();
    let data: string | undefined;
    if (this.bytes[this.position] === OPEN_BRACE) {
      this.members(1, (name) => {
        // A later `message` replaces an earlier one, as in JSON.parse.
        if (name === 'message') data = this.message();
        else this.value(2);
      });
    } else {
      this.value(1);
    }
    this.space();
    if (this.position !== this.bytes.length) throw new Malformed('has data after its JSON value');
    return data;
  }

  /** The value of `message`: its last `data`, when it is an object and that is a string. */
  private message(): string | undefined {
    if (this.bytes[this.position] !== OPEN_BRACE) {
      this.value(2);
      return undefined;
    }
    let data: string | undefined;
    this.members(2, (name) => {
      if (name === 'data' && this.bytes[this.position] === QUOTE) {
        data = this.data();
      } else {
        if (name === 'data') data = undefined;
        this.value(3);
      }
    });
    return data;
  }

  /** An object at `depth`; `member` reads each value (the position is at its first byte). */
  private members(depth: number, member: (name: string | undefined) => void): void {
    this.enter(depth);
    this.position++; // {
    this.space();
    if (this.bytes[this.position] === CLOSE_BRACE) {
      this.position++;
      return;
    }
    for (;;) {
      if (this.bytes[this.position] !== QUOTE) throw new Malformed('has an object key that is not a string');
      const name = this.name();
      this.space();
      this.expect(COLON, 'has an object key without a colon');
      this.space();
      member(name);
      this.space();
      const next = this.bytes[this.position++];
      if (next === CLOSE_BRACE) return;
      if (next !== COMMA) throw new Malformed('has an object member not followed by a comma or a brace');
      this.space();
    }
  }

  /** Any value, skipped. */
  private value(depth: number): void {
    const first = this.bytes[this.position];
    if (first === OPEN_BRACE) {
      this.members(depth, () => this.value(depth + 1));
    } else if (first === OPEN_BRACKET) {
      this.elements(depth);
    } else {
      this.count();
      if (first === QUOTE) this.end();
      else this.literal();
    }
  }

  private elements(depth: number): void {
    this.enter(depth);
    this.position++; // [
    this.space();
    if (this.bytes[this.position] === CLOSE_BRACKET) {
      this.position++;
      return;
    }
    for (;;) {
      this.value(depth + 1);
      this.space();
      const next = this.bytes[this.position++];
      if (next === CLOSE_BRACKET) return;
      if (next !== COMMA) throw new Malformed('has an array element not followed by a comma or a bracket');
      this.space();
    }
  }

  /** A key: decoded only when it is short enough to spell `message` or `data`. */
  private name(): string | undefined {
    this.count();
    const start = this.position;
    const end = this.end();
    if (end - start > MAX_NAME_BYTES) return undefined;
    return this.decode(start, end, (inner) => UTF8.decode(inner));
  }

  /**
   * `message.data`. Without escapes it is read byte for byte (latin1): base64 is ASCII, and anything
   * else fails the base64 check, so the costlier UTF-8 decoding of a large value would be wasted.
   */
  private data(): string {
    this.count();
    const start = this.position;
    const end = this.end();
    return this.decode(start, end, (inner) => inner.toString('latin1'));
  }

  /** The string between `start` and `end` (quotes included): text with escapes goes through JSON.parse (a lone string: no nesting). */
  private decode(start: number, end: number, plain: (inner: Buffer) => string): string {
    const inner = this.bytes.subarray(start + 1, end - 1);
    try {
      if (!inner.includes(BACKSLASH)) return plain(inner);
      const value: unknown = JSON.parse(UTF8.decode(this.bytes.subarray(start, end)));
      if (typeof value === 'string') return value;
    } catch {
      // Reported below.
    }
    throw new Malformed('has a string that is not valid JSON');
  }

  /** Moves past the string at the position; returns the offset after its closing quote. */
  private end(): number {
    let search = this.position + 1;
    for (;;) {
      const quote = this.bytes.indexOf(QUOTE, search);
      if (quote === -1) throw new Malformed('ends inside a string');
      let backslashes = 0;
      while (this.bytes[quote - 1 - backslashes] === BACKSLASH) backslashes++;
      search = quote + 1;
      if (backslashes % 2 === 0) {
        this.position = search;
        return search;
      }
    }
  }

  /** A number, `true`, `false` or `null`: its characters, not their exact grammar (JSON.parse checks it later). */
  private literal(): void {
    const start = this.position;
    const first = this.bytes[start];
    if (first === undefined || !isLiteralStart(first)) throw new Malformed('is not JSON');
    while (this.position < this.bytes.length && isLiteralByte(this.bytes[this.position] as number)) {
      this.position++;
    }
  }

  private space(): void {
    for (;;) {
      const byte = this.bytes[this.position];
      if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) return;
      this.position++;
    }
  }

  private expect(byte: number, problem: string): void {
    if (this.bytes[this.position] !== byte) throw new Malformed(problem);
    this.position++;
  }

  private enter(depth: number): void {
    this.count();
    if (depth > MAX_DEPTH)
      throw new Malformed(`nests deeper than a Pub/Sub push envelope (${MAX_DEPTH} levels)`);
  }

  private count(): void {
    if (++this.tokens > MAX_TOKENS) {
      throw new Malformed(`has more keys and values than a Pub/Sub push envelope (${MAX_TOKENS})`);
    }
  }
}

function isLiteralStart(byte: number): boolean {
  return byte === 0x2d || (byte >= 0x30 && byte <= 0x39) || byte === 0x74 || byte === 0x66 || byte === 0x6e;
}

/** Digits, `+ - . e E`, and the letters of true/false/null. */
function isLiteralByte(byte: number): boolean {
  return (
    (byte >= 0x30 && byte <= 0x39) ||
    byte === 0x2b ||
    byte === 0x2d ||
    byte === 0x2e ||
    byte === 0x45 ||
    (byte >= 0x61 && byte <= 0x7a)
  );
}
