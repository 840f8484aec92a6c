import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../helpers/seeded-random.js';
import { type EntryPoint, entryPoints, type HostileRequest } from './entry-points.js';
import {
  boundContent,
  forgedSigning,
  framing,
  headerValue,
  mutate,
  mutation,
  pathOf,
  randomCase,
  reorderBody,
  toHostile,
} from './mutations.js';
import { checkAnswer, comparable, hostileCore, referenceEvents, watchProcess } from './oracle.js';
import { acknowledgesFailures, fixtureBody, samples, secretsOf, signFor } from './setup.js';

/**
 * The hostile-input properties (issue #7), each written once and run for every provider through
 * every entry point (entry-points.ts): `rcs.handle`, `rcs.fetch(Request)`, and Express 5 and 4 over
 * real HTTP with requests written byte for byte. Over HTTP a property makes a quarter of the runs.
 *
 * Invariants, checked on every answer (oracle.ts): the status and body keep the README's
 * status-code contract; no answer carries a secret or the text a handler threw; events are emitted
 * only with intact credentials, for a body the scheme's signature covers, and exactly those a
 * validly signed request with that body yields; no unhandled rejection or uncaught exception.
 */

const encoder = new TextEncoder();

/** Replay windows of the schemes that sign a time (SECURITY.md): Bird's is 9 h, the others 300 s. */
const REPLAY_WINDOW_SECONDS: Readonly<Record<string, number>> = {
  telnyx: 300,
  sinch: 300,
  vonage: 300,
  bird: 9 * 60 * 60,
};
const HOUR = 60 * 60;

const GENERIC_HEADERS = [
  'content-type',
  'authorization',
  'content-length',
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-forwarded-host',
  'host',
  'x-random',
];

/**
 * Events with the id of `unsupported` items masked: that id is a digest of the item as serialized
 * (src/providers/normalize-helpers.ts), so the same item with its keys in another order gets another id.
 */
const keyOrderFree = (events: unknown[]) =>
  events.map((event) =>
    (event as { kind?: string }).kind === 'unsupported' ? { ...(event as object), id: '(digest)' } : event,
  );

const watcher = watchProcess();
beforeAll(() => watcher.start());
afterEach(() => {
  expect(watcher.problems, 'unhandled rejections or uncaught exceptions').toEqual([]);
});
afterAll(() => watcher.stop());

describe.each(entryPoints.map((kind) => [kind.name, kind] as const))('%s', (_name, kind) => {
  let entry: EntryPoint;
  beforeAll(async () => {
    entry = await kind.start();
  });
  afterAll(() => entry?.close());

  /**
   * Sends `request` to a fresh core (configured for `sample`'s provider, or for all of them) and
   * checks the answer against the contract.
   */
  async function exchange(
    request: HostileRequest,
    sample: (typeof samples)[number],
    failing: boolean,
    core: 'one' | 'all' = 'one',
  ) {
    const { rcs, events } = hostileCore(failing, core === 'one' ? sample : undefined);
    entry.use(rcs);
    const answer = await entry.send(request);
    checkAnswer(answer, { sample, method: request.method, body: request.body, failing });
    const emitted = comparable(events);
    // A 500 is a failed handler, which ran for an event.
    if (answer.status === 500) expect(emitted.length).toBeGreaterThan(0);
    return { answer, emitted };
  }

  describe.each(samples.map((sample) => [sample.provider, sample] as const))('%s', (provider, sample) => {
    const fixtures = sample.fixtures.map((name) => fixtureBody(sample, name));
    const secrets = secretsOf(sample);
    /** Fixture bodies carrying no credential (Google's handshake carries its clientToken). */
    const unauthenticatedBodies = fixtures.filter((body) => !secrets.some((secret) => body.includes(secret)));
    const acknowledges = acknowledgesFailures(sample);

    it('never accepts random unauthenticated requests, and always answers within the contract', async () => {
      const signedNames = Object.keys((await signFor(entry.origin, sample, fixtures[0] ?? '')).headers);
      const headerName = fc
        .tuple(
          fc.oneof(
            { weight: 4, arbitrary: fc.constantFrom(...GENERIC_HEADERS, ...signedNames) },
            { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,20}$/) },
          ),
          fc.nat(),
        )
        .map(([name, seed]) => randomCase(name, seed));
      const body = fc.oneof(
        fc.uint8Array({ maxLength: 2048 }),
        fc.json({ maxDepth: 4 }).map((json) => encoder.encode(json)),
        fc.constantFrom(...unauthenticatedBodies).map((text) => encoder.encode(text)),
      );
      const input = fc.record({
        method: fc.constantFrom('POST', 'POST', 'POST', 'GET', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
        query: fc.option(fc.stringMatching(/^[A-Za-z0-9=&%._~-]{0,40}$/), { nil: undefined }),
        headers: fc.array(fc.tuple(headerName, headerValue()), { maxLength: 8 }),
        body,
        // Signed correctly, but with credentials derived from this instead of the configured ones.
        forgedWith: fc.option(fc.string({ minLength: 1, maxLength: 30 }), { nil: undefined }),
        chunks: framing,
        failing: fc.boolean(),
      });
      await fc.assert(
        fc.asyncProperty(input, async ({ method, query, headers, body, forgedWith, chunks, failing }) => {
          let request: HostileRequest = {
            method,
            path: `/webhooks/rcs/${provider}${query === undefined ? '' : `?${query}`}`,
            headers,
            body,
            ...(chunks === undefined ? {} : { chunks }),
          };
          if (forgedWith !== undefined) {
            const text = Buffer.from(body).toString('utf8');
            const signing = forgedSigning(sample, forgedWith);
            const forged = await signFor(entry.origin, sample, text, { signing });
            request = {
              ...toHostile({ ...forged, method }, entry.origin, chunks),
              headers: [...Object.entries(forged.headers), ...headers],
            };
          }
          const { answer, emitted } = await exchange(request, sample, failing);
          expect(answer.status).not.toBe(200);
          expect(emitted).toEqual([]);
        }),
        { numRuns: entry.runs(150) },
      );
    });

    it('answers mutations of valid signed requests within the contract, emitting only what a valid request would', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.nat(fixtures.length - 1),
          mutation,
          framing,
          fc.boolean(),
          async (fixture, change, chunks, failing) => {
            const signed = await signFor(entry.origin, sample, fixtures[fixture] ?? '');
            const mutated = mutate(sample, signed, entry.origin, change, entry.keepsFirstOfRepeated);
            const request = { ...mutated.request, ...(chunks === undefined ? {} : { chunks }) };
            const { answer, emitted } = await exchange(request, sample, failing);

            if (emitted.length > 0) {
              // Emitting needs valid credentials, a body the signature covers, and a valid payload.
              expect(mutated.auth, 'events emitted with broken credentials').toBe('intact');
              expect(
                boundContent(sample, request.body),
                'events emitted for a body the signature does not cover',
              ).toBe(boundContent(sample, encoder.encode(signed.body)));
              const reference = await referenceEvents(sample, request.body);
              expect(reference, 'events emitted for a body no valid request carries').toBeDefined();
              if (failing) expect(reference).toEqual(expect.arrayContaining(emitted));
              else expect(emitted).toEqual(reference);
              expect(answer.status).toBe(failing && !acknowledges ? 500 : 200);
            }
            if (mutated.mustAccept) {
              const reference = (await referenceEvents(sample, request.body)) ?? [];
              if (failing) expect(reference).toEqual(expect.arrayContaining(emitted));
              else expect(emitted).toEqual(reference);
              expect(answer.status).toBe(failing && reference.length > 0 && !acknowledges ? 500 : 200);
            }
          },
        ),
        { numRuns: entry.runs(200) },
      );
    });

    it('accepts re-signed equivalents (reordered keys, a time inside the window) and refuses stale times', async () => {
      const window = REPLAY_WINDOW_SECONDS[provider];
      const stale = fc.oneof(
        fc.integer({ min: -40 * 24 * HOUR, max: -10 * HOUR }),
        fc.integer({ min: 10 * HOUR, max: 40 * 24 * HOUR }),
      );
      const variant = fc.oneof(
        fc.record({ kind: fc.constant('reorder' as const), seed: fc.nat() }),
        fc.record({ kind: fc.constant('age' as const), seconds: fc.integer({ min: -240, max: 240 }) }),
        fc.record({ kind: fc.constant('age' as const), seconds: stale }),
      );
      await fc.assert(
        fc.asyncProperty(fc.nat(fixtures.length - 1), variant, framing, async (fixture, change, chunks) => {
          const original = fixtures[fixture] ?? '';
          const body =
            change.kind === 'reorder'
              ? reorderBody(sample, original, seededRandom(change.seed), true)
              : original;
          const now = Date.now() + (change.kind === 'age' ? change.seconds * 1000 : 0);
          const signed = await signFor(entry.origin, sample, body, { now });
          const { answer, emitted } = await exchange(toHostile(signed, entry.origin, chunks), sample, false);
          if (change.kind === 'age' && window !== undefined && Math.abs(change.seconds) > window) {
            expect(answer).toMatchObject({ status: 401, body: '{"error":"stale_timestamp"}' });
            expect(emitted).toEqual([]);
          } else {
            expect(answer.status).toBe(200);
            const reference = (await referenceEvents(sample, encoder.encode(original))) ?? [];
            expect(keyOrderFree(emitted)).toEqual(keyOrderFree(reference));
          }
        }),
        { numRuns: entry.runs(60) },
      );
    });

    it('never echoes handler errors', async () => {
      let eventful: string | undefined;
      for (const body of fixtures) {
        if (((await referenceEvents(sample, encoder.encode(body))) ?? []).length > 0) {
          eventful = body;
          break;
        }
      }
      if (eventful === undefined) throw new Error(`no fixture of ${provider} produces events`);
      const signed = await signFor(entry.origin, sample, eventful);
      const { answer, emitted } = await exchange(toHostile(signed, entry.origin), sample, true);
      expect(emitted.length).toBeGreaterThan(0);
      // 500 by default; 200 where failures are acknowledged (Google by default).
      expect(answer.status).toBe(acknowledges ? 200 : 500);
    });
  });

  describe('across providers', () => {
    it("rejects a request signed for one provider when sent to another provider's path", async () => {
      for (const from of samples) {
        const signed = await signFor(entry.origin, from, fixtureBody(from));
        for (const to of samples) {
          if (to.provider === from.provider) continue;
          const path = pathOf(signed, entry.origin).replace(
            `/webhooks/rcs/${from.provider}`,
            `/webhooks/rcs/${to.provider}`,
          );
          const request = { ...toHostile(signed, entry.origin), path };
          const { answer, emitted } = await exchange(request, to, false, 'all');
          expect(answer.status, `${from.provider} → ${to.provider}`).not.toBe(200);
          expect(emitted).toEqual([]);
        }
      }
    });

    it('still accepts every valid request after the hostile runs (the server survived them)', async () => {
      for (const sample of samples) {
        for (const name of sample.fixtures) {
          const signed = await signFor(entry.origin, sample, fixtureBody(sample, name));
          const { answer } = await exchange(toHostile(signed, entry.origin), sample, false, 'all');
          expect(answer.status, `${sample.provider} ${name}`).toBe(200);
        }
      }
    });
  });
});
