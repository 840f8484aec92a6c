import type { TwilioOptions } from '../../../src/index.js';
import { type SignedRequest, type SigningConfigs, signRequest } from '../../../src/testing/index.js';
import type { AuthSubject } from '../../helpers/auth-matrix.js';
import { fixtureNames, loadFixture, loadFixtureJson } from '../../helpers/fixtures.js';
import { type CoreOptions, type Harness, handled, providerHarness } from '../../helpers/provider-harness.js';

// Test-only Auth Tokens.
export const TOKEN = 'test-twilio-auth-token-5d1c9e';
export const OTHER_TOKEN = 'test-twilio-auth-token-rotated-8a40';

export const NOW = Date.parse('2026-03-02T09:30:00Z');
/** The URL Twilio is configured to call (the request goes to it directly unless a test says otherwise). */
export const URL = 'https://hooks.example.com/webhooks/rcs/twilio';
export const SIGNATURE = 'X-Twilio-Signature';

/** A core with only Twilio configured, recording every event and error. */
export function harness(options: TwilioOptions = { authToken: TOKEN }, core: CoreOptions = {}): Harness {
  return providerHarness({ twilio: options }, { now: NOW, ...core });
}

/** Signs `body` (an object of parameters, form-encoded, or the exact string) as Twilio would for `url`. */
export function sign(
  body: unknown,
  options: { url?: string; config?: SigningConfigs['twilio']; contentType?: string } = {},
): Promise<SignedRequest> {
  return signRequest({
    provider: 'twilio',
    body,
    config: options.config ?? { authToken: TOKEN },
    url: options.url ?? URL,
    now: NOW,
    ...(options.contentType === undefined ? {} : { contentType: options.contentType }),
  });
}

/** Handles a request and returns the status and parsed body. */
export const post = handled;

/** A fixture's parameters, in order (test/fixtures/twilio/<name>.json). */
export function params(name: string): Record<string, string> {
  return loadFixtureJson('twilio', name) as Record<string, string>;
}

/** A fixture's exact request body (test/fixtures/twilio/form-encoded/<name>.json holds the form string). */
export function formBody(name: string): string {
  return loadFixture('twilio', `form-encoded/${name}`);
}

export const names = (): string[] => fixtureNames('twilio');

/** Twilio as the shared authentication cases see it, signing `body` (it signs no timestamp). */
export function authSubject(body: unknown): AuthSubject<TwilioOptions> {
  return {
    name: 'Twilio',
    key: 'token',
    now: NOW,
    url: URL,
    body,
    options: { authToken: TOKEN },
    rotation: { both: { authToken: [OTHER_TOKEN, TOKEN] }, otherOnly: { authToken: [OTHER_TOKEN] } },
    harness,
    sign: (signed, { other }) => sign(signed, { config: { authToken: other ? OTHER_TOKEN : TOKEN } }),
    signatureHeaders: [SIGNATURE],
    secrets: [TOKEN, OTHER_TOKEN],
  };
}

/** Normalized event fields common to every Twilio event of these tests. */
export const base = { provider: 'twilio', receivedAt: new Date(NOW) } as const;
