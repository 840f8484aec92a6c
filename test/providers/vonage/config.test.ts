import { describe, expect, it } from 'vitest';
import { ConfigurationError, createRcsWebhooks } from '../../../src/index.js';
import { vonageFromEnv } from '../../../src/providers/vonage/options.js';
import { signRequest } from '../../../src/testing/index.js';
import { loadFixture } from '../../helpers/fixtures.js';
import { NOW, OTHER_SECRET, post, SECRET } from './setup.js';

const FIXTURE = loadFixture('vonage', 'notes-status-delivered');

describe('vonage configuration', () => {
  it('reads RCS_VONAGE_SIGNATURE_SECRET (comma-separated for rotation) when providers are omitted', async () => {
    const rcs = createRcsWebhooks({
      env: { RCS_VONAGE_SIGNATURE_SECRET: `${OTHER_SECRET}, ${SECRET}` },
      now: () => NOW,
    });
    expect(rcs.providers).toContain('vonage');
    expect((await post(rcs, FIXTURE)).status).toBe(200);
    expect((await post(rcs, FIXTURE, { signing: { signatureSecret: OTHER_SECRET } })).status).toBe(200);
  });

  it('reads the optional claim allow-lists and strict mode from the environment', () => {
    expect(
      vonageFromEnv({
        RCS_VONAGE_SIGNATURE_SECRET: SECRET,
        RCS_VONAGE_API_KEY: 'a1b2c3d,e4f5g6h',
        RCS_VONAGE_APPLICATION_ID: 'app-1',
        RCS_VONAGE_STRICT_PAYLOAD_HASH: 'TRUE',
      }),
    ).toEqual({
      signatureSecret: [SECRET],
      apiKey: ['a1b2c3d', 'e4f5g6h'],
      applicationId: ['app-1'],
      strictPayloadHash: true,
    });
    expect(
      vonageFromEnv({ RCS_VONAGE_SIGNATURE_SECRET: SECRET, RCS_VONAGE_STRICT_PAYLOAD_HASH: 'no' }),
    ).toEqual({
      signatureSecret: [SECRET],
    });
    expect(vonageFromEnv({ RCS_VONAGE_API_KEY: 'a1b2c3d' })).toBeUndefined();
    expect(vonageFromEnv({ RCS_VONAGE_SIGNATURE_SECRET: ' , ' })).toBeUndefined();
  });

  it('applies strict mode from the environment', async () => {
    const rcs = createRcsWebhooks({
      env: { RCS_VONAGE_SIGNATURE_SECRET: SECRET, RCS_VONAGE_STRICT_PAYLOAD_HASH: '1' },
      now: () => NOW,
    });
    const pretty = JSON.stringify(JSON.parse(FIXTURE), null, 2);
    const signed = await signRequest({
      provider: 'vonage',
      body: FIXTURE,
      config: { signatureSecret: SECRET },
      now: NOW,
    });
    expect((await rcs.handle({ ...signed, body: pretty })).status).toBe(401);
  });

  const invalid: [string, unknown][] = [
    ['an empty secret', { signatureSecret: '' }],
    ['an empty rotation list', { signatureSecret: [] }],
    ['a non-string secret', { signatureSecret: 42 }],
    ['an unknown option (typo)', { signatureSecrets: SECRET }],
    ['a non-boolean strictPayloadHash', { signatureSecret: SECRET, strictPayloadHash: 'yes' }],
    ['an empty apiKey', { signatureSecret: SECRET, apiKey: '' }],
  ];
  for (const [what, options] of invalid) {
    it(`throws ConfigurationError at construction for ${what}, without echoing a secret`, () => {
      let thrown: unknown;
      try {
        createRcsWebhooks({ providers: { vonage: options as never } });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ConfigurationError);
      expect((thrown as Error).message).not.toContain(SECRET);
    });
  }
});
