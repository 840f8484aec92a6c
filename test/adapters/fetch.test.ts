import { createRcsWebhooks } from 'rcs-webhooks';
import { toWebRequest } from 'rcs-webhooks/testing';
import { describe, expect, it } from 'vitest';
import { acceptedBody } from '../helpers/accepted.js';
import { allProviders, fixtureBody, samples, sign } from './conformance/samples.js';
import { firstEventFixture } from './conformance/shadow.js';

// rcs.fetch on plain Web `Request` objects, as Bun, Deno and Cloudflare Workers hand them over
// (conformance.test.ts runs it over HTTP, through Hono and through @hono/node-server alone).
describe('rcs.fetch(Request)', () => {
  it.each(samples.map((sample) => [sample.provider, sample] as const))(
    'accepts a signed %s Request built in memory',
    async (_provider, sample) => {
      const rcs = createRcsWebhooks({ providers: allProviders });
      const url = `https://hooks.example.test/webhooks/rcs/${sample.provider}`;
      const request = await sign(sample, url, fixtureBody(sample, await firstEventFixture(sample)));
      const response = await rcs.fetch(toWebRequest(request));
      expect([response.status, await response.text()]).toEqual([200, acceptedBody(sample.provider)]);
    },
  );

  it('stops reading a streamed body at the limit, and refuses a body already read', async () => {
    const rcs = createRcsWebhooks({ providers: allProviders, maxBodyBytes: 1024 });
    const [sample] = samples;
    if (sample === undefined) throw new Error('no samples');
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(512).fill(0x20));
      },
    });
    const url = `http://127.0.0.1/webhooks/rcs/${sample.provider}`;
    const init = {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    };
    const tooLarge = await rcs.fetch(new Request(url, init as RequestInit));
    expect(tooLarge.status).toBe(413);
    expect(pulled).toBeLessThan(10);

    const used = toWebRequest(await sign(sample, url, fixtureBody(sample, await firstEventFixture(sample))));
    await used.text();
    const response = await rcs.fetch(used);
    expect([response.status, (await response.json()).error]).toEqual([500, 'raw_body_unavailable']);
  });
});
