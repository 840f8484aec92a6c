import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedBody } from '../../helpers/accepted.js';
import { send } from '../../helpers/http.js';
import { type Harness, OTHER_ROUTE_BODY, type Target } from './harness.js';
import { postOversized } from './post-oversized.js';
import { allProviders, fixtureBody, referenceRun, samples, sign, wrongSigning } from './samples.js';
import { firstEventFixture, ShadowedProvider } from './shadow.js';
import { EventSink, HANDLER_FAILURE_TEXT } from './sink.js';

const MAX_BODY_BYTES = 1024 * 1024; // the default: the Next app runs with it too
const PUBLIC_ORIGIN = 'https://hooks.example.test';
const FORWARDED = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'hooks.example.test' };

/**
 * The one conformance suite: every scenario of every provider sample (examples/samples/*.ts) through
 * `target`, over real HTTP against the real framework. Each request also goes to a shadow core in
 * this process, and the adapter must answer and emit exactly what it does; on top of that each
 * scenario checks the HTTP contract itself.
 */
export function conformanceSuite(target: Target): void {
  describe(target.name, () => {
    const sink = new EventSink();
    let server: Harness;
    beforeAll(async () => {
      server = await target.start({ providers: allProviders, sink });
    });
    afterAll(() => server?.close());

    describe.each(samples.map((sample) => [sample.provider, sample] as const))('%s', (provider, sample) => {
      const run = new ShadowedProvider(sample, () => ({ base: server.base, path: server.path, sink }));

      it("answers a failing handler per the provider's handlerErrors policy, never echoing the error", async () => {
        const request = await run.sign(await firstEventFixture(sample));
        run.failNext();
        const first = await run.exchange(request);
        expect(first.actual).toEqual(first.expected);
        expect(first.actual.body).not.toContain(HANDLER_FAILURE_TEXT);
        // 'retry' (the default) answers 500; 'acknowledge' (a provider default or the option) 200.
        const retries = first.expected.status === 500;
        expect(first.actual).toMatchObject(
          retries
            ? { status: 500, body: '{"error":"handler_failed"}' }
            : { status: 200, body: acceptedBody(provider) },
        );
        const failed = first.actual.events[0];
        expect(failed).toBeDefined();
        const retry = await run.exchange(request);
        expect(retry.actual).toEqual(retry.expected);
        expect(retry.actual.status).toBe(200);
        // 'retry': only the failed event runs again; 'acknowledge': it was completed.
        expect(retry.actual.events.map((event) => event.id)).toEqual(retries ? [failed?.id] : []);
      });

      it('answers every sample fixture with 200 and emits exactly what the core emits', async () => {
        let emitted = 0;
        for (const [index, name] of sample.fixtures.entries()) {
          const { actual, expected } = await run.exchange(await run.sign(index));
          expect(actual, name).toEqual(expected);
          expect(actual.status, name).toBe(200);
          expect(
            actual.events.every((event) => event.provider === provider),
            name,
          ).toBe(true);
          emitted += actual.events.length;
        }
        expect(emitted).toBeGreaterThan(0);
      });

      it('acknowledges a duplicate delivery without running handlers again', async () => {
        const request = await run.sign(await firstEventFixture(sample));
        await run.exchange(request);
        const again = await run.exchange(request);
        expect(again.actual).toEqual(again.expected);
        expect(again.actual).toMatchObject({ status: 200, body: acceptedBody(provider), events: [] });
      });

      it('rejects wrong credentials with 401 and emits nothing', async () => {
        const { actual, expected } = await run.exchange(
          await run.sign(await firstEventFixture(sample), wrongSigning(sample)),
        );
        expect(actual).toEqual(expected);
        expect(actual).toMatchObject({ status: 401, events: [] });
        expect(JSON.parse(actual.body)).toEqual({ error: expect.stringMatching(/signature/) });
      });

      it('acknowledges a signed body it cannot read as one unsupported event (never refused once authenticated)', async () => {
        const { actual, expected } = await run.exchange(await run.sign('{"malformed": '));
        expect(actual).toEqual(expected);
        if (actual.status === 200) {
          expect(actual.events).toMatchObject([{ kind: 'unsupported' }]);
        } else {
          // Schemes that must parse the body to authenticate it (Google's envelope, Twilio's form).
          expect([400, 401]).toContain(actual.status);
          expect(actual.events).toEqual([]);
        }
      });

      it.each(['declared', 'chunked'] as const)(
        'rejects an oversized body (%s length) with 413',
        async (mode) => {
          const signed = await run.sign(JSON.stringify({ pad: 'x'.repeat(MAX_BODY_BYTES) }));
          const mark = sink.events.length;
          const response = await postOversized(signed.url, signed.headers, signed.body, mode);
          expect({ status: response.status, body: response.body }).toEqual({
            status: 413,
            body: '{"error":"body_too_large"}',
          });
          expect(sink.since(mark)).toEqual([]);
        },
      );

      it('passes the URL it received: forwarded headers are ignored unless trusted', async () => {
        const url = `${PUBLIC_ORIGIN}${server.path}/${provider}`;
        const signed = await sign(sample, url, fixtureBody(sample, await firstEventFixture(sample)));
        // Whether this provider signs the URL: the same request (path and query) at another origin.
        const { pathname, search } = new URL(signed.url);
        const moved = { ...signed, url: `http://127.0.0.1:9${pathname}${search}` };
        const signsUrl = (await referenceRun(sample, moved, { path: server.path })).status === 401;
        const forwarded = { ...signed, headers: { ...signed.headers, ...FORWARDED } };
        expect((await send(server.base, forwarded)).status).toBe(signsUrl ? 401 : 200);
      });
    });

    it('answers 404 for an unknown provider, 405 for another method, 415 for another content type', async () => {
      const [sample] = samples;
      if (sample === undefined) throw new Error('no provider samples');
      const url = `${server.base}${server.path}/${sample.provider}`;
      const signed = await sign(sample, url, fixtureBody(sample, await firstEventFixture(sample)));
      const unknown = { ...signed, url: `${server.base}${server.path}/no-such-provider` };
      expect(await send(server.base, unknown)).toEqual({ status: 404, body: '{"error":"unknown_provider"}' });
      const get = await fetch(url);
      expect(get.status).toBe(405);
      if (!target.answersUnexportedMethods) expect(get.headers.get('allow')).toBe('POST');
      const png = { ...signed, headers: { ...signed.headers, 'content-type': 'image/png' } };
      expect(await send(server.base, png)).toEqual({
        status: 415,
        body: '{"error":"unsupported_media_type"}',
      });
    });

    it(
      target.outside === 'app-route'
        ? 'leaves other paths to the app, whose body parser still works'
        : 'answers 404 outside the mount path',
      async () => {
        const response = await fetch(`${server.base}/other`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(OTHER_ROUTE_BODY),
        });
        if (target.outside === 'app-route') {
          expect(await response.json()).toEqual({ other: true, parsed: OTHER_ROUTE_BODY });
        } else {
          expect(response.status).toBe(404);
        }
      },
    );

    describe.each([
      ['trustProxy: true, behind a proxy setting X-Forwarded-Proto/Host', { trustProxy: true }, FORWARDED],
      [`publicUrl: '${PUBLIC_ORIGIN}'`, { publicUrl: PUBLIC_ORIGIN }, {}],
    ])('with %s', (_label, proxy, headers) => {
      let proxied: Harness;
      beforeAll(async () => {
        proxied = await target.start({ providers: allProviders, sink: new EventSink(), proxy });
      });
      afterAll(() => proxied?.close());

      it.each(samples.map((sample) => [sample.provider, sample] as const))(
        'verifies %s webhooks signed for the public URL',
        async (_provider, sample) => {
          const url = `${PUBLIC_ORIGIN}${proxied.path}/${sample.provider}`;
          const signed = await sign(sample, url, fixtureBody(sample, await firstEventFixture(sample)));
          const response = await send(proxied.base, {
            ...signed,
            headers: { ...signed.headers, ...headers },
          });
          expect(response).toEqual({ status: 200, body: acceptedBody(sample.provider) });
        },
      );
    });
  });
}
