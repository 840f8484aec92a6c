import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { abortMidBody, type HostileRequest, streamEndlessBody } from '../../hostile/raw-http.js';
import type { Harness, Target } from './harness.js';
import { allProviders } from './samples.js';
import { EventSink } from './sink.js';

/**
 * A body that never ends is cut off here; a server that drains it takes all of it (@hono/node-server
 * alone gives up after about 100 MiB).
 */
const ENDLESS_CAP = 256 * 1024 * 1024;
/**
 * What a client may get into a connection that is closed after a refusal: what the server read
 * before closing (at most the body limit, 1 MiB) plus what the kernels buffer (about 4 MiB on
 * loopback, as for a 413).
 */
const CLOSED_WITHIN = 24 * 1024 * 1024;
const PROVIDER = 'infobip'; // POST only, no path segments

/**
 * Polls until `reportedErrors` grew past `mark` (an abort is reported after the client is gone; a
 * Next.js server reports through its output), or until `awaited` is among them when given.
 */
async function errorsSince(server: Harness, mark: number, awaited?: string): Promise<string[]> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const since = server.reportedErrors().slice(mark);
    if (since.length > 0 && (awaited === undefined || since.includes(awaited))) return since;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return server.reportedErrors().slice(mark);
}

/**
 * Issue 13 A6/A7 through `target`, over real HTTP with a raw TCP client: a request refused from its
 * method or URL alone (404, 405) is answered at once and its endless body is not read to its end
 * (the connection closes); a client that breaks off mid-body is reported as `client_aborted`.
 */
export function httpEdgeSuite(target: Target): void {
  describe(`${target.name}: HTTP edge`, () => {
    let server: Harness;
    let port: number;
    beforeAll(async () => {
      server = await target.start({ providers: allProviders, sink: new EventSink() });
      port = Number(new URL(server.base).port);
    });
    afterAll(() => server?.close());

    const json: [string, string][] = [['Content-Type', 'application/json']];
    const refusals: (readonly [string, string, () => string, number])[] = [
      ['POST to an unknown provider', 'POST', () => `${server.path}/no-such-provider`, 404],
      // The App Router answers the methods its route does not export (all but POST) itself.
      ...(target.answersUnexportedMethods
        ? []
        : ([
            ['PUT to a provider', 'PUT', () => `${server.path}/${PROVIDER}`, 405],
            ['GET with a body to a provider', 'GET', () => `${server.path}/${PROVIDER}`, 405],
          ] as const)),
      // Where the adapter itself answers 404 outside the mount (no framework router behind it).
      ...(target.outside === 'not-found' && !target.routesOutsideItself
        ? [['POST outside the mount', 'POST', () => '/other', 404] as const]
        : []),
    ];

    it.each(refusals)(
      '%s with an endless body: answered, then the connection closes (bounded bytes)',
      async (_label, method, path, status) => {
        const mark = server.reportedErrors().length;
        const outcome = await streamEndlessBody(port, { method, path: path(), headers: json }, ENDLESS_CAP);
        // The answer is written before the connection closes, but on a loaded machine the close can
        // overtake it on its way into the client (a reset while the client still writes): what must
        // hold is that the server stops reading and closes; an answer that arrives is the right one.
        if (outcome.answer !== undefined) expect(outcome.answer.status).toBe(status);
        expect(outcome.closed).toBe(true);
        expect(outcome.written).toBeLessThan(CLOSED_WITHIN);
        // Let the refusal's own report arrive (out of process, asynchronously) before the next test counts.
        if (path().startsWith(server.path)) await errorsSince(server, mark);
      },
    );

    it.each(['destroy', 'end'] as const)(
      'reports a client that breaks off mid-body (%s) as client_aborted, never malformed_body',
      async (how) => {
        const mark = server.reportedErrors().length;
        const request: HostileRequest = {
          method: 'POST',
          path: `${server.path}/${PROVIDER}`,
          headers: json,
          body: Buffer.from(JSON.stringify({ results: [{ messageId: 'x'.repeat(4000) }] })),
        };
        await abortMidBody(port, request, 1000, how);
        const reported = await errorsSince(server, mark, 'ClientAbortedError');
        expect(reported).toContain('ClientAbortedError');
        expect(reported.every((name) => name === 'ClientAbortedError')).toBe(true);
      },
    );
  });
}
