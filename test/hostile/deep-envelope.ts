import fc from 'fast-check';
import { googleEnvelope } from 'rcs-webhooks/testing';
import type { ProviderSample } from '../../examples/samples/types.js';
import { fixtureBody, samples } from './setup.js';

/**
 * The attack class "deep documents inside signed envelopes" (issue 13 item 10): a request signed with
 * valid credentials whose content nests JSON absurdly deep, either in a document the provider carries
 * inside its body (Google's base64 `message.data`) or in the signed body itself. Every such document
 * is held to the body's depth limit; past it the request becomes one `unsupported` event without the
 * deep part.
 */

/** The nesting limit of bodies and of every document decoded from inside one (src/util/inner-json.ts). */
export const DEPTH_LIMIT = 64;

/** Where a provider's signed request carries a JSON document, and how to put another one there. */
export interface DocumentCarrier {
  sample: ProviderSample;
  /** `inner`: decoded from inside the body (base64, a JSON string); `body`: the signed body itself. */
  place: 'inner' | 'body';
  /** Real documents of this carrier (from its fixtures), as JSON text. */
  documents: string[];
  /** The request body that carries `document` (exact JSON text), to be signed with the sample's credentials. */
  wrap(document: string): string;
}

const sampleOf = (provider: string): ProviderSample => {
  const sample = samples.find((candidate) => candidate.provider === provider);
  if (sample === undefined) throw new Error(`no sample for ${provider}`);
  return sample;
};

/** Google's Pub/Sub envelope: the RBM event is base64 JSON in `message.data`. */
function googleCarrier(): DocumentCarrier {
  const sample = sampleOf('google');
  const documents = sample.fixtures
    .map((name) => JSON.parse(fixtureBody(sample, name)) as { message?: { data?: string } })
    .flatMap((body) =>
      body.message?.data === undefined ? [] : [Buffer.from(body.message.data, 'base64').toString('utf8')],
    );
  return { sample, place: 'inner', documents, wrap: (document) => JSON.stringify(googleEnvelope(document)) };
}

/** Providers whose signed body is JSON: the body is the document. */
function bodyCarrier(sample: ProviderSample): DocumentCarrier | undefined {
  const documents = sample.fixtures.map((name) => fixtureBody(sample, name)).filter(isJsonObject);
  return documents.length === 0
    ? undefined
    : { sample, place: 'body', documents, wrap: (document) => document };
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** Every provider that carries a document inside its body (today: Google). */
export const innerCarriers: DocumentCarrier[] = [googleCarrier()];

/**
 * Every provider whose signature covers a JSON body. Not Google: its envelope is unsigned transport,
 * refused before authentication when it nests past what a Pub/Sub envelope does (envelope-scan.ts).
 */
export const bodyCarriers: DocumentCarrier[] = samples.flatMap((sample) =>
  innerCarriers.some((carrier) => carrier.sample === sample) ? [] : (bodyCarrier(sample) ?? []),
);

/** A document of a carrier with a deep value put somewhere in it, and how deep the result nests. */
export interface DeepDocument {
  text: string;
  /** Levels of the whole document, itself being level 1 (as `exceedsJsonDepth` counts). */
  depth: number;
}

/**
 * Nesting levels: mostly just past the limit, some far past it (up to 120,000, where recursive code
 * overflows the stack), and some at or under it as a control.
 */
const levels = fc.oneof(
  { weight: 2, arbitrary: fc.integer({ min: 1, max: DEPTH_LIMIT }) },
  { weight: 4, arbitrary: fc.integer({ min: DEPTH_LIMIT + 1, max: 300 }) },
  { weight: 2, arbitrary: fc.integer({ min: 1_000, max: 120_000 }) },
);

/**
 * Bytes of nesting that keep the request under the default 1 MiB body limit (a 413 would prove
 * nothing): base64 makes an inner document a third larger.
 */
const INNER_BUDGET = 700_000;
const BODY_BUDGET = 950_000;

interface Nesting {
  levels: number;
  pattern: ('array' | 'object')[];
  key: string;
  core: string;
}

/** Arrays and objects in a repeating pattern, around a scalar or an empty container. */
const nesting: fc.Arbitrary<Nesting> = fc.record({
  levels,
  pattern: fc.array(fc.constantFrom('array', 'object'), { minLength: 1, maxLength: 4 }),
  key: fc.constantFrom('a', 'data', 'message', 'results', '', 'x y'),
  core: fc.constantFrom('0', '"x"', 'null', '{}', '[]'),
});

/** The nested value, with as many of its levels as fit in `budget` bytes. */
function nested({ levels, pattern, key, core }: Nesting, budget: number): DeepDocument {
  const opens: string[] = [];
  const closes: string[] = [];
  let size = core.length;
  let count = 0;
  for (; count < levels && size < budget; count++) {
    const array = pattern[count % pattern.length] === 'array';
    const open = array ? '[' : `{${JSON.stringify(key)}:`;
    opens.push(open);
    closes.push(array ? ']' : '}');
    size += open.length + 1;
  }
  const container = core === '{}' || core === '[]' ? 1 : 0;
  return { text: `${opens.join('')}${core}${closes.reverse().join('')}`, depth: count + container };
}

/**
 * A document of `carrier` with a deep value: the whole document replaced, or a member added to one
 * of its objects (chosen at random, nested ones included) whose value is the deep one.
 */
export function deepDocument(carrier: DocumentCarrier): fc.Arbitrary<DeepDocument> {
  return fc
    .record({
      base: fc.nat(carrier.documents.length - 1),
      deep: nesting,
      root: fc.boolean(),
      seed: fc.nat(),
      name: fc.constantFrom('richMessageClassification', 'x', 'extra', 'data'),
    })
    .map(({ base, deep, root, seed, name }) => {
      const value = nested(deep, carrier.place === 'inner' ? INNER_BUDGET : BODY_BUDGET);
      return root ? value : addMember(carrier.documents[base] ?? '{}', name, value, seed);
    });
}

/** `document` with `name: value` added to one of its objects (the `seed`-th, in document order). */
function addMember(document: string, name: string, value: DeepDocument, seed: number): DeepDocument {
  const PLACEHOLDER = '\u0000deep\u0000';
  const parsed = JSON.parse(document) as Record<string, unknown>;
  const objects: { object: Record<string, unknown>; level: number }[] = [];
  const walk = (node: unknown, level: number) => {
    if (typeof node !== 'object' || node === null) return;
    if (!Array.isArray(node)) objects.push({ object: node as Record<string, unknown>, level });
    for (const child of Object.values(node)) walk(child, level + 1);
  };
  walk(parsed, 1);
  const target = objects[seed % objects.length] ?? { object: parsed, level: 1 };
  target.object[name] = PLACEHOLDER;
  const text = JSON.stringify(parsed).replace(JSON.stringify(PLACEHOLDER), value.text);
  return { text, depth: Math.max(depthOf(JSON.parse(document)), target.level + value.depth) };
}

function depthOf(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  return 1 + Math.max(0, ...Object.values(value).map(depthOf));
}
