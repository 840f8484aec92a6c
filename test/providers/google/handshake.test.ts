import { describe, expect, it } from 'vitest';
import { toWebRequest } from '../../../src/testing/index.js';
import { loadFixture } from '../../helpers/fixtures.js';
import { answer, CLIENT_TOKEN, harness, OTHER_TOKEN, sign } from './setup.js';

const HANDSHAKE = loadFixture('google', 'notes-verification-handshake');
const handshake = (clientToken: string, secret = '1234567890') => JSON.stringify({ clientToken, secret });

describe('google verification handshake', () => {
  it('answers the documented request 200 with the bare secret as text/plain, unsigned, no event', async () => {
    const { rcs, events, errors } = harness();
    const signed = await sign(HANDSHAKE);
    expect(signed.headers['x-goog-signature']).toBeUndefined();
    const response = await rcs.handle(signed);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(response.body).toBe('1234567890');
    expect(events).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('works through rcs.fetch', async () => {
    const { rcs } = harness();
    const response = await rcs.fetch(
      toWebRequest(await sign(handshake(CLIENT_TOKEN, 'a secret with spaces'))),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toBe('a secret with spaces');
  });

  it('answers a wrong clientToken 401 without echoing the secret', async () => {
    const { rcs, events } = harness();
    for (const token of [OTHER_TOKEN, '', `${CLIENT_TOKEN} `, CLIENT_TOKEN.toLowerCase()]) {
      const response = await rcs.handle(await sign(handshake(token)));
      expect(answer(response)).toEqual({ status: 401, body: { error: 'invalid_signature' } });
      expect(response.body).not.toContain('1234567890');
    }
    expect(events).toEqual([]);
  });

  it('accepts every configured token during a rotation', async () => {
    const { rcs } = harness({ clientToken: [OTHER_TOKEN, CLIENT_TOKEN] });
    for (const token of [OTHER_TOKEN, CLIENT_TOKEN]) {
      expect((await rcs.handle(await sign(handshake(token)))).body).toBe('1234567890');
    }
  });

  it('answers 401 credentials_not_configured when no clientToken is configured', async () => {
    for (const options of [{}, { allowUnauthenticated: true as const }]) {
      const { rcs } = harness(options);
      expect(answer(await rcs.handle(await sign(HANDSHAKE)))).toEqual({
        status: 401,
        body: { error: 'credentials_not_configured' },
      });
    }
  });

  // Anything else goes through signature verification (and, unsigned, is rejected there).
  const notHandshakes: [string, string][] = [
    ['without a secret', JSON.stringify({ clientToken: CLIENT_TOKEN })],
    ['with a numeric secret', JSON.stringify({ clientToken: CLIENT_TOKEN, secret: 1234567890 })],
    ['with a `message`', JSON.stringify({ clientToken: CLIENT_TOKEN, secret: 's', message: {} })],
    ['that is not JSON', 'clientToken=SJENCPGJESMGUFPY&secret=1234567890'],
  ];
  for (const [what, body] of notHandshakes) {
    it(`does not treat a body ${what} as a handshake`, async () => {
      const { rcs } = harness();
      const response = await rcs.handle(await sign(body));
      expect(answer(response)).toEqual({ status: 401, body: { error: 'missing_signature' } });
    });
  }

  it('is POST only', async () => {
    const { rcs } = harness();
    const response = await rcs.handle({ ...(await sign(HANDSHAKE)), method: 'GET', body: '' });
    expect(response.status).toBe(405);
  });
});
