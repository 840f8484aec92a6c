import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { SignedRequest } from 'rcs-webhooks/testing';
import type { ProviderSample } from '../../examples/samples/types.js';
import { seededRandom } from '../helpers/seeded-random.js';
import type { HostileRequest } from './entry-points.js';
import { reorderJson, shuffle } from './json-order.js';

const encoder = new TextEncoder();
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** How a valid signed request is changed. Positions (`at`) are taken modulo the length they index. */
export type Mutation =
  | { kind: 'none' }
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'reorder'; seed: number }
  | { kind: 'headerCase'; at: number; seed: number }
  | { kind: 'duplicateHeader'; at: number; value: string | undefined; before: boolean }
  | { kind: 'dropHeader'; at: number }
  | { kind: 'changeHeader'; at: number; value: string }
  | { kind: 'timestamp'; delta: number };

/** Header values every transport can carry: printable ASCII, now and then a tab or a Latin-1 byte. */
export const headerValue = (maxLength = 80) =>
  fc.string({
    unit: fc.oneof(
      { weight: 20, arbitrary: fc.string({ minLength: 1, maxLength: 1 }) },
      { weight: 1, arbitrary: fc.constant('\t') },
      { weight: 1, arbitrary: fc.integer({ min: 0x80, max: 0xff }).map((code) => String.fromCharCode(code)) },
    ),
    maxLength,
  });

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat(7) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reorder' as const), seed: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('headerCase' as const), at: fc.nat(), seed: fc.nat() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('duplicateHeader' as const),
      at: fc.nat(),
      value: fc.option(headerValue(40), { nil: undefined }),
      before: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('dropHeader' as const), at: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('changeHeader' as const),
      at: fc.nat(),
      value: headerValue(40),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('timestamp' as const),
      delta: fc.oneof(fc.integer({ min: -600, max: -1 }), fc.integer({ min: 1, max: 600 })),
    }),
  },
);

/** The body sent as a piece with a length, or streamed in chunks of these sizes. */
export const framing = fc.option(fc.array(fc.integer({ min: 1, max: 256 }), { minLength: 1, maxLength: 4 }), {
  nil: undefined,
});

export interface Mutated {
  request: HostileRequest;
  /**
   * `broken` when the credentials the core sees are no longer those signed: an authentication header
   * dropped, changed, repeated (the core joins repeats, Node keeps the first of some), or a signed
   * timestamp moved. Body changes are judged by `boundContent`.
   */
  auth: 'intact' | 'broken';
  /** A change no receiver may refuse (header-name case; a timestamp mutation where none is signed). */
  mustAccept: boolean;
}

/** `origin` + path and query of a signed URL → the path and query alone. */
export function pathOf(signed: SignedRequest, origin: string): string {
  if (!signed.url.startsWith(origin)) throw new Error(`${signed.url} is not under ${origin}`);
  return signed.url.slice(origin.length) || '/';
}

export function toHostile(signed: SignedRequest, origin: string, chunks?: readonly number[]): HostileRequest {
  return {
    method: signed.method,
    path: pathOf(signed, origin),
    headers: Object.entries(signed.headers),
    body: encoder.encode(signed.body),
    ...(chunks === undefined ? {} : { chunks }),
  };
}

/**
 * Applies `change` to a valid signed request. `keepsFirstOfRepeated` is the entry point's: whether
 * the core will see only the first of repeated lines of a header.
 */
export function mutate(
  sample: ProviderSample,
  signed: SignedRequest,
  origin: string,
  change: Mutation,
  keepsFirstOfRepeated: (name: string) => boolean,
): Mutated {
  const original = toHostile(signed, origin);
  let headers: [string, string][] = Object.entries(signed.headers);
  let body = original.body;
  const names = headers.map(([name]) => name);
  const index = 'at' in change ? change.at % names.length : 0;
  const [name, value] = headers[index] as [string, string];
  const isAuth = (header: string) => header.toLowerCase() !== 'content-type';
  let auth: Mutated['auth'] = 'intact';
  let mustAccept = false;

  switch (change.kind) {
    case 'none':
      mustAccept = true;
      break;
    case 'flip': {
      if (body.length === 0) break;
      body = Uint8Array.from(body);
      const at = change.at % body.length;
      body[at] = (body[at] as number) ^ (1 << change.bit);
      break;
    }
    case 'truncate':
      body = body.subarray(0, body.length === 0 ? 0 : change.at % body.length);
      break;
    case 'reorder':
      body = encoder.encode(reorderBody(sample, signed.body, seededRandom(change.seed), false));
      break;
    case 'headerCase': {
      headers[index] = [randomCase(name, change.seed), value];
      mustAccept = true;
      break;
    }
    case 'duplicateHeader': {
      const extra = change.value ?? value;
      headers.splice(change.before ? index : index + 1, 0, [name, extra]);
      const firstIsSigned = !change.before || extra.trim() === value;
      if (isAuth(name) && !(keepsFirstOfRepeated(name) && firstIsSigned)) auth = 'broken';
      break;
    }
    case 'dropHeader':
      headers.splice(index, 1);
      if (isAuth(name)) auth = 'broken';
      break;
    case 'changeHeader':
      headers[index] = [name, change.value];
      if (isAuth(name) && change.value.trim() !== value) auth = 'broken';
      break;
    case 'timestamp': {
      const shifted = shiftTimestamp(headers, change.delta);
      if (shifted === undefined) mustAccept = true;
      else {
        headers = shifted;
        auth = 'broken';
      }
      break;
    }
  }
  return { request: { ...original, headers, body }, auth, mustAccept };
}

/**
 * Moves the signed time by `delta` seconds without signing again: a `…timestamp` header (Telnyx,
 * Bird, Sinch) or the `iat` claim of a Bearer JWT (Vonage), whose signature is kept. `undefined`
 * when the request carries no signed time.
 */
function shiftTimestamp(headers: [string, string][], delta: number): [string, string][] | undefined {
  const stamp = headers.findIndex(([name, value]) => /timestamp/i.test(name) && /^\d+$/.test(value));
  if (stamp !== -1) {
    const [name, value] = headers[stamp] as [string, string];
    return headers.map((header, at) => (at === stamp ? [name, String(Number(value) + delta)] : header));
  }
  const bearer = headers.findIndex(
    ([name, value]) =>
      name.toLowerCase() === 'authorization' && /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/.test(value),
  );
  if (bearer === -1) return undefined;
  const [name, value] = headers[bearer] as [string, string];
  const [head, payload, signature] = value.slice('Bearer '.length).split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iat?: unknown };
  if (typeof claims.iat !== 'number') return undefined;
  const moved = Buffer.from(JSON.stringify({ ...claims, iat: claims.iat + delta })).toString('base64url');
  return headers.map((header, at) =>
    at === bearer ? [name, `Bearer ${head}.${moved}.${signature}`] : header,
  );
}

/** `name` with each letter upper- or lower-cased at random. */
export function randomCase(name: string, seed: number): string {
  const random = seededRandom(seed);
  return [...name].map((char) => (random() < 0.5 ? char.toUpperCase() : char.toLowerCase())).join('');
}

/**
 * The sample's signing configuration with every credential replaced by one derived from `key`:
 * what a sender who does not hold the secrets produces with a correct implementation of the scheme.
 * An Ed25519 private key becomes another valid key (a 32-byte seed).
 */
export function forgedSigning(sample: ProviderSample, key: string): unknown {
  const replace = (value: unknown, name: string): unknown => {
    if (typeof value === 'string') {
      return name === 'privateKey' ? createHash('sha256').update(key).digest('base64') : `${key}~${name}`;
    }
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([field, item]) => [field, replace(item, field)]));
    }
    return value;
  };
  return replace(sample.signing, '');
}

const isForm = (body: string) => !/^\s*[[{]/.test(body);

/**
 * The body with its keys in another order and nothing else changed: JSON object keys at every
 * depth, or form parameters (repeats of one name keep their relative order). `deep` also reorders
 * the JSON inside Google's base64 `message.data` (which then has to be signed again).
 */
export function reorderBody(
  sample: ProviderSample,
  body: string,
  random: () => number,
  deep: boolean,
): string {
  if (isForm(body)) {
    const groups = new Map<string, string[]>();
    for (const pair of body.split('&')) {
      const key = pair.split('=', 1)[0] ?? '';
      groups.set(key, [...(groups.get(key) ?? []), pair]);
    }
    return shuffle([...groups.values()], random)
      .flat()
      .join('&');
  }
  let text = body;
  if (deep && sample.provider === 'google') {
    const envelope = JSON.parse(body) as { message?: { data?: unknown } };
    if (typeof envelope.message?.data === 'string') {
      const data = Buffer.from(envelope.message.data, 'base64').toString('utf8');
      envelope.message.data = Buffer.from(reorderJson(data, random)).toString('base64');
      text = JSON.stringify(envelope);
    }
  }
  return reorderJson(text, random);
}

/**
 * What the provider's scheme protects in a body (SECURITY.md, "What each provider's scheme
 * guarantees"): a receiver may emit events for a changed body only if this is unchanged. The
 * exact bytes for Telnyx, Bird, Sinch, Vonage and Infobip with HMAC; for Twilio the parameters
 * (names sorted, each distinct value once); for Google the decoded `message.data`; nothing for
 * Infobip with Basic auth and Exotel, which sign no body.
 */
export function boundContent(sample: ProviderSample, body: Uint8Array): string {
  // Schemes that sign no body accept any bytes (an authenticated body that is not UTF-8 is an
  // `unsupported` event, never a refusal).
  if (sample.provider === 'exotel') return '';
  if (sample.provider === 'infobip' && !('hmac' in sample.options && sample.options.hmac !== undefined))
    return '';
  let text: string;
  try {
    text = UTF8.decode(body);
  } catch {
    return '\0not UTF-8';
  }
  switch (sample.provider) {
    case 'telnyx':
    case 'bird':
    case 'sinch':
    case 'vonage':
      return text;
    case 'infobip':
      return text;
    case 'twilio': {
      const params = new Map<string, Set<string>>();
      for (const [name, value] of new URLSearchParams(text)) {
        params.set(name, (params.get(name) ?? new Set()).add(value));
      }
      return JSON.stringify([...params].map(([name, values]) => [name, [...values].sort()]).sort());
    }
    case 'google': {
      try {
        const data = (JSON.parse(text) as { message?: { data?: unknown } }).message?.data;
        return typeof data === 'string' ? Buffer.from(data, 'base64').toString('hex') : '\0no data';
      } catch {
        return '\0not JSON';
      }
    }
  }
}
