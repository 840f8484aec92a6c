import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SignatureVerificationError } from '../../../src/errors/index.js';
import { RequestHeaders } from '../../../src/http/headers.js';
import { authenticateGoogle } from '../../../src/providers/google/auth.js';
import {
  type LocatedData,
  locateMessageData,
  MAX_DEPTH,
  MAX_TOKENS,
} from '../../../src/providers/google/envelope-scan.js';
import { googleEnvelope } from '../../../src/providers/google/index.js';
import type { ProviderRequest } from '../../../src/providers/types.js';
import { exceedsJsonDepth } from '../../../src/util/json-depth.js';
import { seededRandom } from '../../helpers/seeded-random.js';
import { CLIENT_TOKEN, loadEvent, sign } from './setup.js';

const encoder = new TextEncoder();
const locate = (text: string) => locateMessageData(encoder.encode(text));

/** What JSON.parse makes of `text`: the scan must agree on every valid body within its bounds. */
function parsedData(text: string): LocatedData | 'invalid' {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'invalid';
  }
  const message = (body as { message?: unknown } | null)?.message;
  const data = (message as { data?: unknown } | null)?.data;
  const objects = [body, message].every(
    (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  );
  return objects && typeof data === 'string' ? { kind: 'found', data } : { kind: 'missing' };
}

// JSON text written by hand, so that it can hold what JSON.stringify never writes: duplicate keys,
// escapes anywhere (`\u0061`, `\/`), and whitespace between every token.
type Value = string | number | boolean | null | Value[] | { entries: [string, Value][] };

function writeString(value: string, escapeEvery: number): string {
  const plain = JSON.stringify(value);
  if (escapeEvery === 0) return plain;
  let out = '"';
  [...value].forEach((char, index) => {
    const code = char.codePointAt(0) ?? 0;
    if (index % escapeEvery === 0 && code < 0x10000) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else if (char === '/') out += '\\/';
    else out += JSON.stringify(char).slice(1, -1);
  });
  return `${out}"`;
}

function write(value: Value, random: () => number, gap: () => string): string {
  const escapes = () => (random() < 0.2 ? 1 + Math.floor(random() * 3) : 0);
  if (typeof value === 'string') return writeString(value, escapes());
  if (Array.isArray(value))
    return `[${gap()}${value.map((item) => write(item, random, gap)).join(`${gap()},${gap()}`)}${gap()}]`;
  if (value !== null && typeof value === 'object') {
    const members = value.entries.map(
      ([key, item]) => `${writeString(key, escapes())}${gap()}:${gap()}${write(item, random, gap)}`,
    );
    return `{${gap()}${members.join(`${gap()},${gap()}`)}${gap()}}`;
  }
  return JSON.stringify(value);
}

const base64 = fc.uint8Array({ maxLength: 40 }).map((bytes) => Buffer.from(bytes).toString('base64'));
const leaf: fc.Arbitrary<Value> = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);
const { value: anyValue } = fc.letrec<{ value: Value }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    leaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc
      .array(fc.tuple(fc.constantFrom('a', 'data', 'message', 'x/y', 'é'), tie('value')), { maxLength: 4 })
      .map((entries) => ({ entries })),
  ),
}));

type Entries = [string, Value][];
const members = (keys: string[]) => fc.array(fc.tuple(fc.constantFrom(...keys), anyValue), { maxLength: 3 });
/** A `message` object: metadata around a `data` (base64 mostly), sometimes a second `data`. */
const message = fc
  .tuple(
    members(['messageId', 'message_id', 'publishTime', 'attributes', 'x']),
    fc.oneof({ weight: 4, arbitrary: base64 }, { weight: 1, arbitrary: anyValue }),
    fc.nat(3),
    fc.array(fc.tuple(fc.constant('data'), fc.oneof(base64, anyValue)), { maxLength: 1 }),
  )
  .map(([meta, data, at, again]): Value => {
    const entries: Entries = [...meta];
    entries.splice(at % (entries.length + 1), 0, ['data', data]);
    return { entries: [...entries, ...again] };
  });
/** Pub/Sub-like bodies: other members around a `message`, sometimes followed by another `message`. */
const envelope: fc.Arbitrary<Value> = fc
  .tuple(members(['subscription', 'x', 'message']), message, members(['subscription', 'x', 'message']))
  .map(([before, main, after]) => ({ entries: [...before, ['message', main], ...after] as Entries }));

describe('locateMessageData', () => {
  it('finds what JSON.parse finds, for any Pub/Sub-like body written any valid way', () => {
    const kinds = { found: 0, missing: 0, malformed: 0 };
    fc.assert(
      fc.property(
        fc.oneof({ weight: 3, arbitrary: envelope }, { weight: 1, arbitrary: anyValue }),
        fc.nat(),
        (value, seed) => {
          const random = seededRandom(seed);
          const gaps = ['', ' ', '\n', '\t  ', '\r\n'];
          const text = write(value, random, () => gaps[Math.floor(random() * gaps.length)] ?? '');
          const expected = parsedData(text);
          expect(expected).not.toBe('invalid');
          const located = locate(text);
          kinds[located.kind]++;
          expect(located).toEqual(expected);
        },
      ),
      { numRuns: 2000 },
    );
    expect(kinds.found).toBeGreaterThan(500);
    expect(kinds.missing).toBeGreaterThan(200);
  });

  it('agrees with JSON.parse on arbitrary text that parses, within its bounds', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 60 }),
          fc.json({ maxDepth: 3 }).chain((json) => fc.nat(json.length).map((at) => json.slice(0, at))),
          fc.json({ maxDepth: 3 }).map((json) => `{"message":{"data":${json}}}`),
          fc.json({ maxDepth: 12 }),
        ),
        (text) => {
          const located = locate(text);
          const parsed = parsedData(text);
          // The scan skips what it does not read without checking it (a bad escape or literal there):
          // the authenticator's JSON.parse after verification refuses those.
          if (parsed === 'invalid') return;
          if (located.kind === 'malformed') expect(exceedsJsonDepth(JSON.parse(text), MAX_DEPTH)).toBe(true);
          else expect(located).toEqual(parsed);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reads escaped names and data, and the last of duplicates, as JSON.parse does', () => {
    expect(locate('{"m\\u0065ssage":{"d\\u0061ta":"QQ\\u003d\\u003d"}}')).toEqual({
      kind: 'found',
      data: 'QQ==',
    });
    expect(locate('{"message":{"data":"a\\/b"}}')).toEqual({ kind: 'found', data: 'a/b' });
    expect(locate('{"message":{"data":"A"},"message":{"data":"B"}}')).toEqual({ kind: 'found', data: 'B' });
    expect(locate('{"message":{"data":"A"},"message":{}}')).toEqual({ kind: 'missing' });
    expect(locate('{"message":{"data":"A","data":7}}')).toEqual({ kind: 'missing' });
    expect(locate('{"message":{"data":"A"},"message":"B"}')).toEqual({ kind: 'missing' });
    expect(locate('{"x":{"message":{"data":"A"}}}')).toEqual({ kind: 'missing' });
    expect(locate(' \n{"message" : { "data" : "A" } }\r\n')).toEqual({ kind: 'found', data: 'A' });
    expect(locate('{"message":{"data":"a\\\\"}}')).toEqual({ kind: 'found', data: 'a\\' });
  });

  it('refuses what is not one JSON value', () => {
    const texts = [
      '',
      ' ',
      '{',
      '{"message":',
      '{"message":{"data":"A"}} x',
      '{"message":{"data":"A}}',
      '{a:1}',
      '[1 2]',
      '{"a" 1}',
      '\uFEFF{}',
      '{"message":{"data":"\\x"}}',
    ];
    for (const text of texts) expect(locate(text), text).toMatchObject({ kind: 'malformed' });
  });

  it(`refuses bodies past ${MAX_DEPTH} levels or ${MAX_TOKENS} keys and values, wherever they are`, () => {
    // `x` is at level 2: a body with `levels` levels.
    const nest = (levels: number) => `${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}`;
    expect(locate(`{"message":{"data":"A"},"x":${nest(MAX_DEPTH)}}`)).toEqual({ kind: 'found', data: 'A' });
    expect(locate(`{"message":{"data":"A"},"x":${nest(MAX_DEPTH + 1)}}`)).toMatchObject({
      kind: 'malformed',
    });
    const values = (count: number) => `{"message":{"data":"A"},"x":[${Array(count).fill(0).join(',')}]}`;
    // The body, message, data and x objects and keys are 6 tokens, the array 1.
    expect(locate(values(MAX_TOKENS - 7))).toEqual({ kind: 'found', data: 'A' });
    expect(locate(values(MAX_TOKENS - 6))).toMatchObject({ kind: 'malformed' });
    // 100 attributes, the most Pub/Sub allows, are far below the bound.
    const attributes = Object.fromEntries(
      Array.from({ length: 100 }, (_, index) => [`k${index}`, `v${index}`]),
    );
    const full = googleEnvelope(loadEvent('notes-user-event-read'), { attributes, messageId: '1' });
    const body = { ...full, message: { ...full.message, message_id: '1', publish_time: 'x' } };
    expect(locate(JSON.stringify(body))).toEqual({ kind: 'found', data: full.message.data });
  });
});

describe('google authentication and the scan', () => {
  it('refuses a request whose parsed message.data is not the data the signature verified', async () => {
    const signed = await sign(googleEnvelope(loadEvent('notes-user-event-read')));
    const other = googleEnvelope(loadEvent('notes-user-message-text'));
    // A request whose parsed view disagrees with its bytes: what a scan that misread a body would give.
    const request = {
      body: encoder.encode(signed.body),
      headers: RequestHeaders.from(signed.headers),
      json: () => other,
    } as unknown as ProviderRequest;
    expect(() => authenticateGoogle(request, { clientTokens: [CLIENT_TOKEN] })).toThrow(
      expect.objectContaining({ code: 'invalid_signature' }) as unknown as SignatureVerificationError,
    );
    const agreeing = { ...request, json: () => JSON.parse(signed.body) } as ProviderRequest;
    expect(() => authenticateGoogle(agreeing, { clientTokens: [CLIENT_TOKEN] })).not.toThrow();
  });
});
