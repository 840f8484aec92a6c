import { describe, expect, it } from 'vitest';
import { closestName } from '../../src/core/option-suggestions.js';
import { ConfigurationError, createRcsWebhooks, type RcsWebhooksOptions } from '../../src/index.js';

const providers = { infobip: { allowUnauthenticated: true as const } };

/** What a JavaScript caller can pass: TypeScript would refuse these options. */
function configurationMessage(options: Record<string, unknown>): string {
  try {
    createRcsWebhooks(options as RcsWebhooksOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigurationError');
}

describe('unknown option names', () => {
  it.each([
    [{ maxBodySize: 1 }, 'unknown option `maxBodySize` (did you mean `maxBodyBytes`?)'],
    [{ handlerError: 'retry' }, 'unknown option `handlerError` (did you mean `handlerErrors`?)'],
    [{ idempotency: { ttl: 1 } }, 'unknown option `idempotency.ttl` (did you mean `ttlMs`?)'],
    [{ inbox: { concurency: 2 } }, 'unknown option `inbox.concurency` (did you mean `concurrency`?)'],
    [{ publicURL: 'https://x' }, 'unknown option `publicURL` (did you mean `publicUrl`?)'],
    [
      { deriveConversations: { infobp: true } },
      'unknown provider `deriveConversations.infobp` (did you mean `infobip`?)',
    ],
  ])('%o is refused with a suggestion', (extra, message) => {
    expect(configurationMessage({ providers, ...extra })).toContain(message);
  });

  it('lists the known names when none is close, and never shows a value', () => {
    const message = configurationMessage({ providers, zzz: 'secret-value' });
    expect(message).toContain('unknown option `zzz`; known: `providers`');
    expect(message).toContain('`maxBodyBytes`');
    expect(message).not.toContain('secret-value');
  });

  it('suggests per-provider keys and provider names', () => {
    expect(configurationMessage({ providers: { infobip: { urlTokn: 'x' } } })).toContain(
      'providers.infobip.urlTokn: unknown option (did you mean `urlToken`?)',
    );
    expect(configurationMessage({ providers: { telnix: { publicKey: 'x' } } })).toContain(
      'unknown provider "telnix" in `providers` (did you mean `telnyx`?)',
    );
  });

  it('suggests only close names', () => {
    expect(closestName('maxBodySize', ['maxBodyBytes', 'readTimeoutMs'])).toBe('maxBodyBytes');
    expect(closestName('ttl', ['ttlMs', 'leaseMs'])).toBe('ttlMs');
    expect(closestName('store', ['providers', 'path'])).toBeUndefined();
  });
});

describe('provider option errors name the field, the expected shape and the received type', () => {
  it("the README's pattern with unset variables names each missing field", () => {
    const env: Record<string, string | undefined> = {};
    const message = configurationMessage({
      providers: {
        infobip: { basic: { username: env.RCS_INFOBIP_USERNAME, password: env.RCS_INFOBIP_PASSWORD } },
      },
    });
    expect(message).toContain(
      'providers.infobip.basic.username: expected a non-empty string, received undefined',
    );
    expect(message).toContain(
      'providers.infobip.basic.password: expected a non-empty string, received undefined',
    );
    expect(message).not.toContain('Invalid input');
  });

  it('a missing password and a misspelled key say different things', () => {
    const message = configurationMessage({
      providers: { infobip: { basic: { username: 'user', pasword: 'hunter2-secret' } } },
    });
    expect(message).toContain(
      'providers.infobip.basic.password: expected a non-empty string, received undefined',
    );
    expect(message).toContain('providers.infobip.basic.pasword: unknown option (did you mean `password`?)');
    expect(message).not.toContain('hunter2-secret');
  });

  it('names list items and the wrong type, never the value', () => {
    expect(configurationMessage({ providers: { twilio: { authToken: ['first-secret', ''] } } })).toContain(
      'providers.twilio.authToken[1]: expected a non-empty string, received an empty string',
    );
    const wrongType = configurationMessage({ providers: { infobip: { basic: 'user:secret-password' } } });
    expect(wrongType).toContain('providers.infobip.basic: expected an object (username, password)');
    expect(wrongType).toContain('received a string');
    expect(wrongType).not.toContain('secret-password');
  });
});
