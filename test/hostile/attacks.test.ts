import { PayloadParseError } from 'rcs-webhooks';
import { describe, expect, it } from 'vitest';
import { coreForAll, fixtureBody, samples, sign } from './setup.js';

const sampleOf = (provider: string) => {
  const sample = samples.find((candidate) => candidate.provider === provider);
  if (sample === undefined) throw new Error(`no ${provider} sample`);
  return sample;
};
const infobip = sampleOf('infobip');
const telnyx = sampleOf('telnyx');

describe('named attacks', () => {
  it('does not let __proto__ or constructor.prototype keys pollute prototypes', async () => {
    const { rcs, events } = coreForAll();
    const body =
      '{"results":[{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},' +
      '"messageId":"m-1","status":{"groupName":"DELIVERED","name":"DELIVERED_TO_HANDSET","__proto__":{"x":1}}}],' +
      '"__proto__":{"polluted":"yes"}}';
    const response = await rcs.handle(await sign(infobip, body));
    expect(response.status).toBe(200);
    expect(({} as { polluted?: string }).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(events[0]).toMatchObject({ kind: 'delivery', messageId: 'm-1', status: 'delivered' });
  });

  it('acknowledges authenticated JSON nested 100,000 levels deep as unsupported, without its raw and without overflowing the stack', async () => {
    const { rcs, events } = coreForAll();
    const errors: unknown[] = [];
    rcs.onError((error) => {
      errors.push(error);
    });
    const bodies = [
      `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
      `{"results":[${'['.repeat(100_000)}${']'.repeat(100_000)}]}`,
      `{"results":[{"messageId":"m","status":{"groupName":"DELIVERED"},"x":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}]}`,
    ];
    for (const body of bodies) {
      const response = await rcs.handle(await sign(infobip, body));
      expect(response).toMatchObject({ status: 200, body: '{"ok":true}' });
    }
    expect(events).toHaveLength(3);
    for (const event of events) {
      expect(event).toMatchObject({ kind: 'unsupported', raw: undefined });
      expect((event as { reason: string }).reason).toMatch(/deeper than 64 levels/);
    }
    expect(errors).toHaveLength(3);
    expect(errors.every((error) => error instanceof PayloadParseError)).toBe(true);
    const ok = `{"results":[{"messageId":"m","status":{"groupName":"DELIVERED"},"x":${'['.repeat(60)}${']'.repeat(60)}}]}`;
    expect((await rcs.handle(await sign(infobip, ok))).status).toBe(200);
  });

  it('refuses an unauthenticated deep document with 401 before parsing it', async () => {
    const { rcs, events } = coreForAll();
    const signed = await sign(infobip, '{}');
    const response = await rcs.handle({
      ...signed,
      headers: { ...signed.headers, authorization: 'Basic AAAA' },
      body: `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
    });
    expect(response.status).toBe(401);
    expect(events).toEqual([]);
  });

  it('keeps ids beyond double precision exact when the provider sends strings', async () => {
    const { rcs, events } = coreForAll();
    const id = '123456789012345678901234567890';
    const body = `{"results":[{"messageId":"${id}","status":{"groupName":"DELIVERED","name":"DELIVERED_TO_HANDSET"}}]}`;
    expect((await rcs.handle(await sign(infobip, body))).status).toBe(200);
    expect(events[0]).toMatchObject({ messageId: id, id: `delivery:${id}:DELIVERED:DELIVERED_TO_HANDSET` });
  });

  it('rejects signatures of the wrong length', async () => {
    const { rcs, events } = coreForAll();
    const signed = await sign(telnyx, fixtureBody(telnyx));
    const signature = signed.headers['telnyx-signature-ed25519'] as string;
    for (const wrong of [signature.slice(0, -4), `${signature}AAAA`, '', 'AAAA']) {
      const headers = { ...signed.headers, 'telnyx-signature-ed25519': wrong };
      expect((await rcs.handle({ ...signed, headers })).status).toBe(401);
    }
    expect(events).toEqual([]);
  });

  it('rejects a valid request replayed outside the window, in either direction', async () => {
    const signedAt = Date.parse('2026-11-21T12:00:00Z');
    const signed = await sign(telnyx, fixtureBody(telnyx), signedAt);
    for (const offset of [-301_000, 301_000]) {
      const { rcs, events } = coreForAll({ now: () => signedAt + offset });
      const response = await rcs.handle(signed);
      expect(response).toMatchObject({ status: 401, body: '{"error":"stale_timestamp"}' });
      expect(events).toEqual([]);
    }
    const { rcs } = coreForAll({ now: () => signedAt + 299_000 });
    expect((await rcs.handle(signed)).status).toBe(200);
  });
});
