import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTRACT_STATUSES, coreForAll, fixtureBody, samples, secretsOf, sign } from './setup.js';

const HEADER_NAMES = [
  'content-type',
  'authorization',
  'content-length',
  'x-forwarded-for',
  'host',
  'x-random',
];

describe.each(samples.map((sample) => [sample.provider, sample] as const))(
  '%s under hostile input',
  (provider, sample) => {
    const secrets = secretsOf(sample);

    function checkResponse(status: number, body: string) {
      expect(CONTRACT_STATUSES.has(status), `status ${status}`).toBe(true);
      for (const secret of secrets) expect(body).not.toContain(secret);
    }

    it('never accepts random unauthenticated requests, and always answers within the contract', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.uint8Array({ maxLength: 2048 }),
          fc.dictionary(
            fc.constantFrom(...HEADER_NAMES, ...secretsOf(sample).slice(0, 0)),
            fc.string({ maxLength: 80 }),
          ),
          fc.constantFrom('POST', 'GET', 'PUT', 'DELETE'),
          async (body, headers, method) => {
            const { rcs, events } = coreForAll();
            const response = await rcs.handle({ method, url: `/webhooks/rcs/${provider}`, headers, body });
            checkResponse(response.status, response.body);
            expect(response.status).not.toBe(200);
            expect(events).toEqual([]);
          },
        ),
        { numRuns: 150 },
      );
    });

    it('stays within the contract for mutations of a valid signed request, emitting only on 200', async () => {
      const body = fixtureBody(sample);
      const signed = await sign(sample, body);
      const mutation = fc.oneof(
        fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
        fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
        fc.record({ kind: fc.constant('headerCase' as const), at: fc.nat() }),
        fc.record({ kind: fc.constant('duplicateHeader' as const), at: fc.nat() }),
        fc.record({ kind: fc.constant('dropHeader' as const), at: fc.nat() }),
        fc.record({
          kind: fc.constant('changeHeader' as const),
          at: fc.nat(),
          value: fc.string({ maxLength: 40 }),
        }),
      );
      await fc.assert(
        fc.asyncProperty(mutation, async (change) => {
          const bytes = Buffer.from(signed.body, 'utf8');
          const names = Object.keys(signed.headers);
          const name = names[change.at % names.length] as string;
          let headers: Record<string, string | string[]> = { ...signed.headers };
          let mutated: Buffer = bytes;
          if (change.kind === 'flip') {
            mutated = Buffer.from(bytes);
            const index = change.at % mutated.length;
            mutated[index] = (mutated[index] as number) ^ (1 << change.bit);
          } else if (change.kind === 'truncate') mutated = bytes.subarray(0, change.at % bytes.length);
          else if (change.kind === 'headerCase') {
            const { [name]: value, ...rest } = headers;
            headers = { ...rest, [name.toUpperCase()]: value as string };
          } else if (change.kind === 'duplicateHeader') headers[name] = [signed.headers[name] as string, 'x'];
          else if (change.kind === 'dropHeader') delete headers[name];
          else headers[name] = change.value;

          const { rcs, events } = coreForAll();
          const response = await rcs.handle({ method: 'POST', url: signed.url, headers, body: mutated });
          checkResponse(response.status, response.body);
          if (response.status !== 200) expect(events).toEqual([]);
          if (change.kind === 'headerCase') expect(response.status).toBe(200);
        }),
        { numRuns: 200 },
      );
    });

    it('never echoes handler errors', async () => {
      const { rcs } = coreForAll();
      rcs.onAny(() => {
        throw new Error(`secret handler detail ${secrets[0] ?? ''}`);
      });
      const response = await rcs.handle(await sign(sample, fixtureBody(sample)));
      // 500 by default; 200 where the sample acknowledges failures (handlerErrors: 'acknowledge').
      // Google acknowledges failed handlers by default (its retries stall every agent of a partner).
      const acknowledged =
        sample.provider === 'google' ||
        ('handlerErrors' in sample.options && sample.options.handlerErrors === 'acknowledge');
      expect(response.status).toBe(acknowledged ? 200 : 500);
      expect(response.body).not.toContain('secret handler detail');
    });
  },
);

describe('cross-provider', () => {
  it("rejects a request signed for one provider when sent to another provider's path", async () => {
    const { rcs, events } = coreForAll();
    for (const from of samples) {
      const signed = await sign(from, fixtureBody(from));
      for (const to of samples) {
        if (to.provider === from.provider) continue;
        const url = signed.url.replace(`/webhooks/rcs/${from.provider}`, `/webhooks/rcs/${to.provider}`);
        const response = await rcs.handle({ ...signed, url });
        expect(response.status, `${from.provider} → ${to.provider}`).not.toBe(200);
      }
    }
    expect(events).toEqual([]);
  });
});
