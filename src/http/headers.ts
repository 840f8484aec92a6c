import type { HeaderInput } from './types.js';

/**
 * Case-insensitive, read-only view of request headers. Repeated headers are joined with ", "
 * (as `Headers` does), so a duplicated signature header never verifies.
 */
export class RequestHeaders implements Iterable<[string, string]> {
  readonly #values = new Map<string, string>();

  /** `input` itself when it is already a `RequestHeaders` (an adapter built it), else a view of it. */
  static from(input: HeaderInput): RequestHeaders {
    return input instanceof RequestHeaders ? input : new RequestHeaders(input);
  }

  /**
   * From Node's `rawHeaders` (`[name, value, name, value, …]`, every line as received): one pass,
   * where `headersDistinct` would first build an object of arrays (and `headers` drop repeats).
   */
  static fromRawHeaders(raw: readonly string[]): RequestHeaders {
    const headers = new RequestHeaders([]);
    for (let index = 0; index + 1 < raw.length; index += 2) {
      headers.#add(raw[index] as string, raw[index + 1] as string);
    }
    return headers;
  }

  constructor(input: HeaderInput) {
    if (typeof Headers !== 'undefined' && input instanceof Headers) {
      input.forEach((value, name) => {
        this.#add(name, value);
      });
    } else if (Symbol.iterator in input) {
      for (const [name, value] of input as Iterable<readonly [string, string]>) this.#add(name, value);
    } else {
      // Index loops over Object.keys: Object.entries allocates a pair per header and an iterator
      // per array, and this runs once per request (about 2.5× faster on Node's headersDistinct).
      const record = input as Record<string, string | string[] | number | undefined>;
      const names = Object.keys(record);
      for (let index = 0; index < names.length; index++) {
        const name = names[index] as string;
        const value = record[name];
        if (value === undefined) continue;
        if (typeof value === 'string') this.#add(name, value);
        else if (Array.isArray(value)) {
          for (let item = 0; item < value.length; item++) this.#add(name, value[item] as string);
        } else this.#add(name, String(value));
      }
    }
  }

  #add(name: string, value: string): void {
    const key = name.toLowerCase();
    const existing = this.#values.get(key);
    this.#values.set(key, existing === undefined ? value : `${existing}, ${value}`);
  }

  get(name: string): string | undefined {
    return this.#values.get(name.toLowerCase());
  }

  has(name: string): boolean {
    return this.#values.has(name.toLowerCase());
  }

  /** Lower-cased names with their (joined) values: a `RequestHeaders` is itself a `HeaderInput`. */
  [Symbol.iterator](): Iterator<[string, string]> {
    return this.#values.entries();
  }
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaType(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  const type = contentType.split(';', 1)[0]?.trim().toLowerCase();
  return type === '' ? undefined : type;
}
