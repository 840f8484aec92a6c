import type { HeaderInput } from './types.js';

/**
 * Case-insensitive, read-only view of request headers. Repeated headers are joined with ", "
 * (as `Headers` does), so a duplicated signature header never verifies.
 */
export class RequestHeaders {
  readonly #values = new Map<string, string>();

  constructor(input: HeaderInput) {
    if (typeof Headers !== 'undefined' && input instanceof Headers) {
      input.forEach((value, name) => {
        this.#add(name, value);
      });
    } else if (Symbol.iterator in input) {
      for (const [name, value] of input as Iterable<readonly [string, string]>) this.#add(name, value);
    } else {
      for (const [name, value] of Object.entries(input)) {
        if (value === undefined) continue;
        if (Array.isArray(value)) for (const item of value) this.#add(name, item);
        else this.#add(name, String(value));
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
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaType(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  const type = contentType.split(';', 1)[0]?.trim().toLowerCase();
  return type === '' ? undefined : type;
}
