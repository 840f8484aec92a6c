import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EntryPoint, entryPoints } from './entry-points.js';
import { toHostile } from './mutations.js';
import { checkAnswer, comparable, hostileCore } from './oracle.js';
import { encodeForm, type Pairs, resplits, signedParams } from './resplit.js';
import { fixtureBody, samples, signFor } from './setup.js';

/**
 * Attack class "re-split form parameters" (issue 13 A1): a validly signed Twilio form, re-split so
 * that the signed string is unchanged, must never reach a handler. Run through every entry point.
 */

const sample = samples.find((candidate) => candidate.provider === 'twilio');
if (sample === undefined) throw new Error('no Twilio sample');
const forms = sample.fixtures.map((name) => fixtureBody(sample, name));
const pairsOf = (body: string): Pairs => [...new URLSearchParams(body)];
const encoder = new TextEncoder();

describe('the re-split generator', () => {
  it('signs the same string as the original form, and is never the original form', () => {
    for (const body of forms) {
      const original = pairsOf(body);
      for (const forged of fc.sample(resplits(original), { numRuns: 50, seed: 13 })) {
        expect(signedParams(forged)).toBe(signedParams(original));
        expect(JSON.stringify([...forged].sort())).not.toBe(JSON.stringify([...original].sort()));
      }
    }
  });

  it('produces re-splits whose names all look like Twilio’s (the hard cases)', () => {
    const plausible = forms.flatMap((body) =>
      fc
        .sample(resplits(pairsOf(body)), { numRuns: 100, seed: 7 })
        .filter((forged) => forged.every(([name]) => /^[A-Z][A-Za-z0-9]*$/.test(name))),
    );
    expect(plausible.length).toBeGreaterThan(50);
  });
});

describe.each(entryPoints.map((kind) => [kind.name, kind] as const))('%s', (_name, kind) => {
  let entry: EntryPoint;
  beforeAll(async () => {
    entry = await kind.start();
  });
  afterAll(() => entry?.close());

  it('never lets a re-split of a signed Twilio form reach a handler', async () => {
    const input = fc
      .nat(forms.length - 1)
      .chain((index) => fc.tuple(fc.constant(index), resplits(pairsOf(forms[index] ?? ''))));
    await fc.assert(
      fc.asyncProperty(input, fc.boolean(), async ([index, forged], failing) => {
        const signed = await signFor(entry.origin, sample, forms[index] ?? '');
        const body = encodeForm(forged);
        const { rcs, events } = hostileCore(failing, sample);
        entry.use(rcs);
        const answer = await entry.send({ ...toHostile(signed, entry.origin), body: encoder.encode(body) });
        checkAnswer(answer, { sample, method: 'POST', body: encoder.encode(body), failing });
        expect(comparable(events), body).toEqual([]);
        expect(answer.status, body).toBe(401);
      }),
      { numRuns: entry.runs(300) },
    );
  });
});
